// `deno task perf --only ingest`: 106-byte OpenFlow 1.3 packet-ins from a separate process,
// counted by a handler the Controller registered before the switch connected (so every one
// of them reaches it), against a bare one-thread loop that only frames the same stream.
import { Controller } from "../../src/controller/mod.ts";
import { readFrames } from "./_frames.ts";
import {
  boundBy,
  controllerThreads,
  CpuMeter,
  type Result,
  spawnPeer,
  within,
} from "./_harness.ts";

const EMULATOR = new URL("./peers/switch_emulator.ts", import.meta.url).pathname;

/** How long `n` packet-ins may take, generously (a loaded machine does ~1 M/s). */
const budget = (n: number) => 30_000 + n / 50;

/** The ingest row. */
export async function ingest(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const n = quick ? 1_000_000 : 5_000_000;
  progress(`ingest: ${n.toLocaleString()} packet-ins, bare read loop first`);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const raw = spawnPeer([
    "run",
    "--allow-net",
    EMULATOR,
    "raw-blast",
    "127.0.0.1",
    String((listener.addr as Deno.NetAddr).port),
    String(n),
  ]);
  let bare: number;
  try {
    const conn = await within(listener.accept(), 10_000, "raw blaster's connect");
    listener.close();
    let count = 0, t0 = 0, t1 = 0;
    const read = readFrames(conn, () => {
      if (count++ === 0) t0 = performance.now();
      if (count === n) {
        t1 = performance.now();
        conn.close();
      }
    });
    await within(read, budget(n), "bare framing loop").finally(() => {
      try {
        conn.close();
      } catch { /* closed at the last frame */ }
    });
    if (count < n) throw new Error(`ingest: the bare loop saw ${count} of ${n} packet-ins`);
    bare = (n - 1) / ((t1 - t0) / 1000);
  } finally {
    await raw.stop();
  }

  progress("ingest: through the Controller");
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  let seen = 0, s0 = 0, s1 = 0;
  const all = Promise.withResolvers<void>();
  // Registered before any switch connects: the generator starts right after its
  // FEATURES_REPLY, and packet-ins that came before a per-connection handler would go to the
  // poll queue instead.
  controller.register("PACKET_IN", (m) => {
    if (m.type !== "PACKET_IN") return false;
    if (seen++ === 0) s0 = performance.now();
    if (seen === n) {
      s1 = performance.now();
      all.resolve();
    }
    return true;
  });
  const blaster = spawnPeer([
    "run",
    "--allow-net",
    EMULATOR,
    "blast",
    "127.0.0.1",
    String(port),
    String(n),
  ]);
  const cpu = new CpuMeter([...controllerThreads(), { name: "generator", pid: blaster.pid }]);
  try {
    const sw = await controller.connect({ timeout: 10_000 });
    cpu.start();
    const closed = sw.closed.then((reason) => {
      throw new Error(`ingest: the switch closed after ${seen} packet-ins: ${reason.message}`);
    });
    await within(Promise.race([all.promise, closed]), budget(n), `ingest (${seen} so far)`)
      .catch((e) => {
        const c = sw.counters;
        throw new Error(
          `${
            (e as Error).message
          }; the handler saw ${seen} of ${n}, counters: packet-ins ${c.packetIns}, handled ${c.handled}, queued ${c.queued}`,
        );
      });
    cpu.stop();
    await blaster.nextLine(10_000, "blaster's report");
  } finally {
    await blaster.stop();
  }
  const ours = (n - 1) / ((s1 - s0) / 1000);
  return [{
    name: "ingest: OF1.3 packet-ins into a handler",
    value: ours,
    unit: "msg/s",
    baseline: "bare one-thread framing loop",
    baselineValue: bare,
    ratio: ours / bare,
    target: "≥ 0.3×",
    bound: boundBy(cpu.shares()),
  }];
}
