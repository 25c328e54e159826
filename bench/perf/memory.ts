// `deno task perf --only memory`: a Controller in its own process (so that its RSS is its
// own) with no consumer takes a flood of packet-ins; every one must be accounted for (queued
// or expired from the bounded poll queue), and the peak RSS stay within 100 MB of idle.
import { type Result, spawnPeer } from "./_harness.ts";

const EMULATOR = new URL("./peers/switch_emulator.ts", import.meta.url).pathname;
const CONTROLLER = new URL("./peers/memory_controller.ts", import.meta.url).pathname;

/** The memory rows. */
export async function memory(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const n = quick ? 1_000_000 : 10_000_000;
  const budgetMs = 60_000 + n / 20;
  progress(`memory: ${n.toLocaleString()} packet-ins, no consumer`);
  const child = spawnPeer([
    "run",
    "--allow-all",
    "--v8-flags=--expose-gc",
    CONTROLLER,
    String(n),
    String(budgetMs),
  ]);
  let blaster: ReturnType<typeof spawnPeer> | undefined;
  try {
    const { port } = (await child.nextLine(10_000, "memory controller's port")) as {
      port: number;
    };
    blaster = spawnPeer([
      "run",
      "--allow-net",
      EMULATOR,
      "blast",
      "127.0.0.1",
      String(port),
      String(n),
    ]);
    const r = (await child.nextLine(budgetMs + 10_000, "memory controller's report")) as {
      error?: string;
      idle: number;
      peak: number;
      after: number;
      idleHeap: number;
      afterHeap: number;
      queued: number;
      counters: { packetIns: number; handled: number; queued: number; expired: number };
    };
    if (r.error) throw new Error(`memory: ${r.error}`);
    const c = r.counters;
    // No consumer, so nothing is delivered: every packet-in is still queued or was expired.
    if (c.packetIns !== n || r.queued + c.expired !== n) {
      throw new Error(`memory: counters do not account for every message: ${JSON.stringify(r)}`);
    }
    const mb = (b: number) => b / 1024 / 1024;
    const bound = "the poll queue (bounded) and V8's heap growth between collections";
    return [
      {
        name: `memory: peak RSS over idle, ${n.toLocaleString()} packet-ins, all accounted`,
        value: mb(r.peak - r.idle),
        unit: "MB",
        baseline: "idle RSS",
        baselineValue: mb(r.idle),
        ratio: r.peak / r.idle,
        target: "≤ 100 MB over idle",
        bound,
      },
      {
        name: "memory: live heap after draining",
        value: mb(r.afterHeap),
        unit: "MB",
        baseline: "idle live heap",
        baselineValue: mb(r.idleHeap),
        ratio: r.afterHeap / r.idleHeap,
        target: "comes back to idle",
        bound,
      },
      {
        name: "memory: RSS after draining, over idle",
        value: mb(r.after - r.idle),
        unit: "MB",
        baseline: "peak over idle",
        baselineValue: mb(r.peak - r.idle),
        ratio: (r.after - r.idle) / Math.max(1, r.peak - r.idle),
        bound: "V8 keeps the pages it grew into",
      },
    ];
  } finally {
    await blaster?.stop();
    await child.stop();
  }
}
