// The server side of the 10,000-switch scenario (bench/perf/scale.ts), in a process of its
// own so that its memory is its own. Run with --v8-flags=--expose-gc and a raised open-file
// limit.
//   scale_server.ts controller|bare N ROUNDS
// "controller": a Controller. "bare": the baseline, a bare main-thread Deno server that does
// the same handshake (HELLO, FEATURES_REQUEST, reads the FEATURES_REPLY) and echoes.
// Prints {"port"}; once switch 1 is ready, {"rssOne","echoAlone"} (its echo p50 in µs over
// ROUNDS); on a "go" line on stdin waits for N ready switches and prints {"ready","ms",
// "rssAll","echoAmong","cpu"}, or {"error"} if they do not come within 120 s.
import { Controller } from "../../../src/controller/mod.ts";

const [mode, countText, roundsText] = Deno.args;
const count = Number(countText);
const rounds = Number(roundsText);
const gc = (globalThis as { gc?: () => void }).gc;
const say = (line: unknown) => console.log(JSON.stringify(line));
const HANDSHAKE_ALL_MS = 120_000;

/** What either server offers the measurement. */
interface Server {
  port: number;
  /** Switches whose handshake completed. */
  ready(): number;
  /** Resolves when `n` are ready. */
  whenReady(n: number): Promise<void>;
  /** One echo round trip to switch 1, in µs. */
  echoFirst(): Promise<number>;
  close(): Promise<void>;
}

async function controllerServer(): Promise<Server> {
  const controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  let waiting: { n: number; resolve: () => void } | undefined;
  let ready = 0;
  const poll = () => {
    ready = controller.switches.length;
    if (waiting && ready >= waiting.n) waiting.resolve();
  };
  const timer = setInterval(poll, 10);
  const first = controller.connect({ timeout: 30_000 });
  return {
    port,
    ready: () => controller.switches.length,
    whenReady(n) {
      const { promise, resolve } = Promise.withResolvers<void>();
      waiting = { n, resolve };
      poll();
      return promise;
    },
    async echoFirst() {
      const sw = await first;
      const t = performance.now();
      await sw.echo();
      return (performance.now() - t) * 1000;
    },
    async close() {
      clearInterval(timer);
      await controller.close();
    },
  };
}

function bareServer(): Server {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const handshake = new Uint8Array([
    ...[4, 0, 0, 16, 0, 0, 0, 1, 0, 1, 0, 8, 0, 0, 0, 16], // HELLO, bitmap {1.3}
    ...[4, 5, 0, 8, 0, 0, 0, 2], // FEATURES_REQUEST
  ]);
  const conns: Deno.Conn[] = [];
  let ready = 0;
  let firstConn: Deno.Conn | undefined;
  let echoed: (() => void) | undefined;
  let waiting: { n: number; resolve: () => void } | undefined;
  const serve = async (conn: Deno.TcpConn, index: number) => {
    conn.setNoDelay(true);
    conns.push(conn);
    await conn.write(handshake);
    const buf = new Uint8Array(512); // as small as the Controller's idle read buffer
    let have = 0;
    for (;;) {
      const n = await conn.read(buf.subarray(have)).catch(() => null);
      if (n === null) return;
      have += n;
      let at = 0;
      while (have - at >= 8) {
        const len = (buf[at + 2] << 8) | buf[at + 3];
        if (have - at < len) break;
        if (buf[at + 1] === 6) {
          ready++;
          if (index === 0) firstConn = conn;
          if (waiting && ready >= waiting.n) waiting.resolve();
        } else if (buf[at + 1] === 3) echoed?.();
        at += Math.max(8, len);
      }
      buf.copyWithin(0, at, have);
      have -= at;
    }
  };
  (async () => {
    let i = 0;
    for await (const conn of listener) serve(conn, i++);
  })().catch(() => {});
  const echo = new Uint8Array([4, 2, 0, 8, 0, 0, 0, 9]);
  return {
    port: (listener.addr as Deno.NetAddr).port,
    ready: () => ready,
    whenReady(n) {
      const { promise, resolve } = Promise.withResolvers<void>();
      waiting = { n, resolve };
      if (ready >= n) resolve();
      return promise;
    },
    async echoFirst() {
      const { promise, resolve } = Promise.withResolvers<void>();
      echoed = resolve;
      const t = performance.now();
      await firstConn!.write(echo);
      await promise;
      return (performance.now() - t) * 1000;
    },
    close() {
      listener.close();
      for (const c of conns) {
        try {
          c.close();
        } catch { /* closed */ }
      }
      return Promise.resolve();
    },
  };
}

/** Main thread and worker CPU of this process, in seconds. */
function cpuSeconds(): { main: number; worker: number } {
  const out = { main: 0, worker: 0 };
  for (const t of Deno.readDirSync(`/proc/${Deno.pid}/task`)) {
    try {
      const comm = Deno.readTextFileSync(`/proc/${Deno.pid}/task/${t.name}/comm`).trim();
      const stat = Deno.readTextFileSync(`/proc/${Deno.pid}/task/${t.name}/stat`);
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const s = (Number(f[11]) + Number(f[12])) / 100;
      if (comm === "deno") out.main += s;
      else if (comm.startsWith("worker-")) out.worker += s;
    } catch { /* gone */ }
  }
  return out;
}

async function echoP50(server: Server): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < rounds; i++) xs.push(await server.echoFirst());
  return xs.sort((a, b) => a - b)[xs.length >> 1];
}

function rss(): number {
  gc?.();
  return Deno.memoryUsage().rss;
}

const server = mode === "bare" ? bareServer() : await controllerServer();
say({ port: server.port });
await server.whenReady(1);
await echoP50(server); // warm-up: the first round trips compile the path
const rssOne = rss();
const echoAlone = await echoP50(server);
say({ rssOne, echoAlone });
const stdin = Deno.stdin.readable.pipeThrough(new TextDecoderStream()).getReader();
const { value } = await stdin.read();
if (value?.trim() === "go") {
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((r) => (timer = setTimeout(() => r("late"), HANDSHAKE_ALL_MS)));
  const outcome = await Promise.race([server.whenReady(count), late]);
  clearTimeout(timer);
  const ms = performance.now() - t0;
  const cpu1 = cpuSeconds();
  if (outcome === "late") {
    say({ error: `${server.ready()} of ${count} switches ready after ${HANDSHAKE_ALL_MS} ms` });
  } else {
    await new Promise((r) => setTimeout(r, 500));
    const rssAll = rss();
    const echoAmong = await echoP50(server);
    say({
      ready: server.ready(),
      ms,
      rssOne,
      rssAll,
      echoAlone,
      echoAmong,
      cpu: {
        main: (cpu1.main - cpu0.main) / (ms / 1000),
        worker: (cpu1.worker - cpu0.worker) / (ms / 1000),
      },
    });
  }
}
await stdin.read(); // until stdin closes
await server.close();
Deno.exit(0);
