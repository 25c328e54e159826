// `deno task perf --only scale`: 10,000 switch connections on one Controller. The fake
// switches (peers/many_switches.ts) and the Controller (peers/scale_server.ts) each run in a
// process of their own with the open-file limit raised; the baseline is a bare main-thread
// Deno server doing the same handshake, measured the same way in the same run.
import { CpuMeter, hardFileLimit, type Result, spawnPeer } from "./_harness.ts";

const SWITCHES = new URL("./peers/many_switches.ts", import.meta.url).pathname;
const SERVER = new URL("./peers/scale_server.ts", import.meta.url).pathname;
const N = 10_000;
/** Descriptors beyond the sockets: the runtime's own, the listener, pipes. */
const SPARE_FILES = 1000;

interface Outcome {
  ready: number;
  ms: number;
  rssOne: number;
  rssAll: number;
  echoAlone: number;
  echoAmong: number;
  cpu: { main: number; worker: number };
  peerCpu: number;
}

/** One server mode with N fake switches. */
async function run(mode: "controller" | "bare", rounds: number): Promise<Outcome> {
  const openFiles = N + SPARE_FILES;
  const server = spawnPeer(
    ["run", "--allow-all", "--v8-flags=--expose-gc", SERVER, mode, String(N), String(rounds)],
    { openFiles },
  );
  let peer: ReturnType<typeof spawnPeer> | undefined;
  try {
    const { port } = (await server.nextLine(15_000, `${mode} server's port`)) as { port: number };
    peer = spawnPeer(["run", "--allow-net", SWITCHES, "127.0.0.1", String(port), String(N)], {
      openFiles,
    });
    await peer.nextLine(15_000, "the first fake switch");
    await server.nextLine(30_000, `${mode} server with one switch`);
    const cpu = new CpuMeter([{ name: "switches", pid: peer.pid }]);
    cpu.start();
    await server.say("go");
    await peer.say("go");
    const r = (await server.nextLine(150_000, `${mode} server with ${N} switches`)) as
      & Partial<Outcome>
      & { error?: string };
    cpu.stop();
    if (r.error) throw new Error(`scale (${mode}): ${r.error}`);
    await peer.nextLine(10_000, "the fake switches' report");
    return { ...(r as Outcome), peerCpu: cpu.shares().get("switches")! };
  } finally {
    await peer?.stop();
    await server.stop();
  }
}

/** The 10,000-switch rows. */
export async function scale(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const limit = await hardFileLimit();
  if (limit < N + SPARE_FILES) {
    throw new Error(
      `scale: ${N} switches need ${
        N + SPARE_FILES
      } open files per process, the hard limit here is ${limit} (raise it: ulimit -Hn)`,
    );
  }
  const rounds = quick ? 500 : 2000;
  progress(`scale: ${N.toLocaleString()} switches on a bare Deno server first`);
  const bare = await run("bare", rounds);
  progress(`scale: ${N.toLocaleString()} switches on one Controller`);
  const ours = await run("controller", rounds);
  const kib = (o: Outcome) => (o.rssAll - o.rssOne) / (o.ready - 1) / 1024;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const bound = `CPU: main ${pct(ours.cpu.main)}, worker ${pct(ours.cpu.worker)}, fake switches ${
    pct(ours.peerCpu)
  } (the bare server: ${pct(bare.cpu.main)}, switches ${pct(bare.peerCpu)})`;
  if (ours.ready !== N) throw new Error(`scale: ${ours.ready} of ${N} switches handshaken`);
  return [
    {
      name: "10,000 switches: all handshaken, time from the first connect to the last ready",
      value: ours.ms,
      unit: "ms",
      baseline: "bare main-thread Deno server, same handshake",
      baselineValue: bare.ms,
      ratio: ours.ms / bare.ms,
      bound,
    },
    {
      name: "10,000 switches: memory per connection (RSS, main thread and worker)",
      value: kib(ours),
      unit: "KiB",
      baseline: "bare main-thread Deno server, 512-byte read buffer each",
      baselineValue: kib(bare),
      ratio: kib(ours) / kib(bare),
      target: "≤ 20 KiB",
      bound: "per-connection state: read buffer, socket, counters, tables",
    },
    {
      name: "10,000 switches: echo p50 of one switch while the others idle",
      value: ours.echoAmong,
      unit: "µs",
      baseline: "the same switch before the others connected",
      baselineValue: ours.echoAlone,
      ratio: ours.echoAmong / ours.echoAlone,
      bound: "wake-ups, as with one switch",
    },
  ];
}
