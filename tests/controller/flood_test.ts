// Deadlines under a flood: a separate process floods the Controller with PACKET_INs while
// other connections wait on deadlines. Deno delivers a worker's messages ahead of the main
// thread's timers, so a deadline kept by setTimeout alone fires only when the flood ends;
// each of these must fire within 1.5 times its time while the flood is still going on.
import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import { Controller, type SwitchConnection } from "../../src/controller/mod.ts";
import * as F from "./_frames.ts";
import { ScriptedSwitch } from "./_scripted_switch.ts";

const FLOOD = 5_000_000;
const FLOOD_MIN_MS = 2500;
const DEADLINE = 500;
const ECHO_INTERVAL = 250;
const ECHO_MISSES = 3;

interface Flooder {
  child: Deno.ChildProcess;
  lines: AsyncIterator<string>;
  next(): Promise<Record<string, number | boolean>>;
  go(): Promise<void>;
  stop(): Promise<void>;
}

function spawnFlooder(port: number, dpid: bigint): Flooder {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      new URL("../_util/flooder.ts", import.meta.url).pathname,
      "127.0.0.1",
      String(port),
      String(FLOOD),
      String(FLOOD_MIN_MS),
      String(dpid),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).pipeThrough(
    new TransformStream<string, string>({
      start() {},
      transform(chunk, controller) {
        for (const line of chunk.split("\n")) if (line.trim()) controller.enqueue(line);
      },
    }),
  )[Symbol.asyncIterator]();
  const writer = child.stdin.getWriter();
  return {
    child,
    lines,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error("Expected a line from the flooder, got end of output");
      return JSON.parse(value);
    },
    go: () => writer.write(new TextEncoder().encode("go\n")),
    async stop() {
      await writer.close().catch(() => {});
      for (;;) if ((await lines.next()).done) break;
      await child.status;
    },
  };
}

/** Answers ECHO_REQUEST on a scripted switch until it closes; ignores everything else. */
async function answerEchoes(sw: ScriptedSwitch): Promise<void> {
  while (!sw.eof) {
    const f = await sw.read(60_000);
    if (f?.[1] === 2) await sw.write(F.frame(4, 3, F.xidOf(f), f.subarray(8)));
  }
}

/**
 * Counts the flooding connection's PACKET_INs. The handler consumes three in four; the
 * fourth goes on to the poll queue (decoded from a copy of its frame), so the main thread,
 * not the flooder, is the bottleneck and always has more of the flood waiting.
 */
function counting(conn: SwitchConnection): { count(): number; reached(n: number): Promise<void> } {
  let n = 0;
  let want = Infinity;
  let hit: (() => void) | undefined;
  conn.register("PACKET_IN", () => {
    if (++n >= want) hit?.();
    return n % 4 !== 0;
  });
  return {
    count: () => n,
    reached(target) {
      want = target;
      return new Promise<void>((r) => (hit = r));
    },
  };
}

/** Captures the Controller's log records (the handshake deadline is seen there). */
async function captureLogs(): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { capture: (r: LogRecord) => records.push(r) },
    loggers: [
      { category: ["oftest", "controller"], lowestLevel: "info", sinks: ["capture"] },
      { category: ["logtape", "meta"], lowestLevel: "error", sinks: [] },
    ],
  });
  return records;
}

/** When the Controller logged `pattern` about the connection from `port`, on the Date clock. */
function loggedAt(records: LogRecord[], pattern: RegExp, connection: number): number | undefined {
  return records.find((r) =>
    r.properties.connection === connection && pattern.test(r.rawMessage as string)
  )?.timestamp;
}

Deno.test("flood: transaction, multipart, poll, connect, handshake and echo deadlines fire on time during a packet-in flood", async () => {
  const records = await captureLogs();
  await using controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    handshakeTimeout: DEADLINE,
    echoInterval: ECHO_INTERVAL,
    echoMisses: ECHO_MISSES,
  });
  const [{ port }] = await controller.listening;
  const flooder = spawnFlooder(port, 1n);
  try {
    assert.deepEqual(await flooder.next(), { ready: true });
    const floodConn = await controller.waitForSwitch(1n, { timeout: 5000 });
    const pins = counting(floodConn);
    // A quiet switch that answers only echoes: the transactions and the poll wait on it.
    const quiet = await ScriptedSwitch.dial(port);
    await quiet.handshake(2n);
    const quietConn = await controller.waitForSwitch(2n, { timeout: 5000 });
    const echoing = answerEchoes(quiet);

    await flooder.go();
    await pins.reached(100_000);
    const t0 = performance.now();
    const fired: Record<string, { ms: number; flood: number; outcome: string }> = {};
    const record = (name: string) => (outcome: unknown) => {
      fired[name] = {
        ms: performance.now() - t0,
        flood: pins.count(),
        outcome: outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : String(outcome),
      };
    };
    let silentEof = NaN;
    const waits = [
      quietConn.transact(F.frame(4, F.UNKNOWN_2, 0), { timeout: DEADLINE })
        .then(record("transact"), record("transact")),
      quietConn.transactMultipart(F.frame(4, 18, 0, [0, 1, 0, 0, 0, 0, 0, 0]), {
        timeout: DEADLINE,
      }).then(record("multipart"), record("multipart")),
      quietConn.poll("PORT_STATUS", { timeout: DEADLINE }).then(
        record("poll"),
        record("poll"),
      ),
      controller.waitForSwitch(0xdeadn, { timeout: DEADLINE }).then(
        record("connect"),
        record("connect"),
      ),
      // A client that opens TCP and never says HELLO: the handshake deadline closes it.
      (async () => {
        const silent = await Deno.connect({ hostname: "127.0.0.1", port });
        try {
          const buf = new Uint8Array(256);
          while ((await silent.read(buf)) !== null) { /* our HELLO */ }
        } catch { /* reset */ }
        silentEof = performance.now() - t0;
        const id = records.find((r) =>
          (r.properties.remote as { port?: number })?.port === silent.localAddr.port
        )?.properties.connection as number;
        const opened = loggedAt(records, /^Switch connected/, id);
        const failed = loggedAt(records, /^Handshake failed/, id);
        fired.handshake = {
          ms: opened !== undefined && failed !== undefined ? failed - opened : NaN,
          flood: pins.count(),
          outcome: String(
            records.find((r) =>
              r.properties.connection === id &&
              /^Handshake failed/.test(r.rawMessage as string)
            )?.properties.message,
          ),
        };
        silent.close();
      })(),
      // A switch that completes the handshake, then never answers: closed by the echo prober.
      (async () => {
        const mute = await ScriptedSwitch.dial(port);
        try {
          await mute.handshake(3n);
          const conn = await controller.waitForSwitch(3n, { timeout: 5000 });
          const ready = performance.now();
          await conn.closed;
          fired.echo = {
            ms: performance.now() - ready,
            flood: pins.count(),
            outcome: conn.closeReason?.message ?? "",
          };
        } catch (e) {
          record("echo")(new Error(`the handshake failed: ${(e as Error).message}`));
        } finally {
          await mute.close();
        }
      })(),
    ];
    await Promise.all(waits);
    const echoDeadline = ECHO_INTERVAL * (ECHO_MISSES + 1);
    const expected: Record<string, [number, RegExp]> = {
      transact: [DEADLINE, /TransactionTimeoutError/],
      multipart: [DEADLINE, /TransactionTimeoutError/],
      poll: [DEADLINE, /undefined/],
      connect: [DEADLINE, /WaitTimeoutError/],
      handshake: [DEADLINE, /Expected the switch's HELLO within 500 ms/],
      echo: [echoDeadline, /no reply to 3 echo requests/],
    };
    const report = `${JSON.stringify(fired)}; the silent client saw EOF after ${
      silentEof.toFixed(0)
    } ms`;
    for (const [name, [deadline, outcome]] of Object.entries(expected)) {
      const f = fired[name];
      assert.match(f.outcome, outcome, `${name}: ${report}`);
      assert.ok(f.ms >= deadline - 5, `${name} fired early: ${report}`);
      assert.ok(f.ms < deadline * 1.5, `${name} fired late: ${report}`);
    }
    const done = await flooder.next();
    const sent = done.sent as number;
    assert.ok(sent >= FLOOD, `the flooder sent its whole flood: ${JSON.stringify(done)}`);
    await floodConn.barrier({ timeout: 10_000 });
    assert.equal(pins.count(), sent, "every packet-in reached the handler");
    for (const [name, f] of Object.entries(fired)) {
      assert.ok(f.flood < sent, `${name}: the flood was over when it fired: ${report}`);
    }
    await quiet.close();
    await echoing;
  } finally {
    await controller.close();
    await flooder.stop();
    await reset();
  }
});
