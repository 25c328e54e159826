// `deno task perf --only cbench`: the cbench-style emulator (peers/switch_emulator.ts, 16
// OpenFlow 1.0 switches, each keeping 64 packet-ins outstanding for throughput or 1 for
// latency) against ovs-testcontroller and against the Controller answering each packet-in
// with a FLOW_MOD. Runs alternate (baseline, ours, baseline, ours...) and the medians are
// compared: a single pair swings with whatever else the machine does.
import { Controller } from "../../src/controller/mod.ts";
import {
  boundBy,
  controllerThreads,
  CpuMeter,
  type CpuTarget,
  freePort,
  listeningOn,
  median,
  type Result,
  spawnPeer,
} from "./_harness.ts";

const EMULATOR = new URL("./peers/switch_emulator.ts", import.meta.url).pathname;
const SWITCHES = 16;

/** CPU shares summed over runs (divide by the runs to average). */
type Shares = Map<string, number>;

function addShares(into: Shares, from: Shares): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/**
 * One emulator run against `port`: answers per second; adds to `shares` the CPU used by the
 * emulator and by `others`.
 */
async function emulate(
  port: number,
  secs: number,
  window: number,
  others: CpuTarget[],
  shares: Shares,
): Promise<number> {
  const e = spawnPeer([
    "run",
    "--allow-net",
    EMULATOR,
    "cbench",
    "127.0.0.1",
    String(port),
    String(SWITCHES),
    String(secs),
    String(window),
  ]);
  const meter = new CpuMeter([...others, { name: "emulator", pid: e.pid }]);
  try {
    meter.start();
    const r = (await e.nextLine(secs * 1000 + 20_000, "cbench emulator")) as {
      perSecond: number;
    };
    meter.stop();
    addShares(shares, meter.shares());
    return r.perSecond;
  } finally {
    await e.stop();
  }
}

/** One run of ovs-testcontroller under the emulator. */
async function theirs(secs: number, window: number, shares: Shares): Promise<number> {
  const port = freePort();
  // Its control socket must go somewhere writable: a temporary run directory.
  const rundir = await Deno.makeTempDir({ prefix: "oftest-otc-" });
  const otc = new Deno.Command("ovs-testcontroller", {
    args: ["-O", "OpenFlow10", `--unixctl=${rundir}/otc.ctl`, `ptcp:${port}:127.0.0.1`],
    env: { OVS_RUNDIR: rundir },
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    await listeningOn(port, 5000, "ovs-testcontroller");
    return await emulate(
      port,
      secs,
      window,
      [{ name: "ovs-testcontroller", pid: otc.pid }],
      shares,
    );
  } finally {
    otc.kill("SIGTERM");
    await otc.status;
    await Deno.remove(rundir, { recursive: true });
  }
}

/** One run of the Controller under the emulator. */
async function ours(secs: number, window: number, shares: Shares): Promise<number> {
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  controller.register("PACKET_IN", (m, conn) => {
    if (m.type !== "PACKET_IN" || m.version !== 1) return false;
    conn.send({
      version: 1,
      type: "FLOW_MOD",
      xid: 0,
      match: {
        wildcards: 0x3fffff,
        inPort: 0,
        dlSrc: "00:00:00:00:00:00",
        dlDst: "00:00:00:00:00:00",
        dlVlan: 0,
        dlVlanPcp: 0,
        dlType: 0,
        nwTos: 0,
        nwProto: 0,
        nwSrc: "0.0.0.0",
        nwDst: "0.0.0.0",
        tpSrc: 0,
        tpDst: 0,
      },
      cookie: 0n,
      command: 0,
      idleTimeout: 0,
      hardTimeout: 0,
      priority: 1,
      bufferId: m.bufferId,
      outPort: 0xffff,
      flags: 0,
      actions: [{ type: "OUTPUT", port: 0xfffb, maxLen: 0 }],
    });
    return true;
  });
  return await emulate(port, secs, window, controllerThreads(), shares);
}

/** Both cbench rows. */
export async function cbench(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const secs = quick ? 2 : 5;
  const runs = 3;
  const results: Result[] = [];
  for (const [mode, window] of [["throughput", 64], ["latency", 1]] as const) {
    const base: number[] = [], mine: number[] = [];
    const theirShares: Shares = new Map(), ourShares: Shares = new Map();
    for (let r = 0; r < runs; r++) {
      progress(`cbench ${mode}: run ${r + 1} of ${runs}, ovs-testcontroller then the Controller`);
      base.push(await theirs(secs, window, theirShares));
      mine.push(await ours(secs, window, ourShares));
    }
    const average = (m: Shares) => new Map([...m].map(([k, v]) => [k, v / runs]));
    progress(`cbench ${mode}: ovs-testcontroller bounded by ${boundBy(average(theirShares))}`);
    const [o, b] = [median(mine), median(base)];
    results.push({
      name: `cbench ${mode} (${SWITCHES} switches, median of ${runs} alternating runs)`,
      value: o,
      unit: "responses/s",
      baseline: "ovs-testcontroller (C), same emulator",
      baselineValue: b,
      ratio: o / b,
      target: "≥ 1×",
      bound: boundBy(average(ourShares)),
    });
  }
  return results;
}
