// Memory scenario, run as a separate process so its RSS is its own: a Controller with no
// consumer receives every packet-in of a blast; this process samples its RSS and reports
// idle, peak and after-drain figures and the counters. Run with --v8-flags=--expose-gc.
//   memory_controller.ts N BUDGET_MS
// Prints {"port"} then one report line (with "error" if the N did not come within BUDGET_MS).
import { Controller } from "../../../src/controller/mod.ts";

const expected = Number(Deno.args[0]);
const budgetMs = Number(Deno.args[1] ?? 600_000);
const gc = (globalThis as { gc?: () => void }).gc;
const rss = () => Deno.memoryUsage().rss;

await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
const [{ port }] = await controller.listening;
gc?.();
const idle = rss();
const idleHeap = Deno.memoryUsage().heapUsed;
console.log(JSON.stringify({ port }));
const conn = await controller.connect({ timeout: 30_000 });
let peak = idle;
const deadline = Date.now() + budgetMs;
while (conn.counters.packetIns < expected && Date.now() < deadline && !conn.isClosed) {
  peak = Math.max(peak, rss());
  await new Promise((r) => setTimeout(r, 20));
}
peak = Math.max(peak, rss());
const counters = conn.counters;
const queued = conn.queueLength;
const error = counters.packetIns < expected
  ? `${counters.packetIns} of ${expected} packet-ins came within ${budgetMs} ms${
    conn.isClosed ? " (the switch closed)" : ""
  }`
  : undefined;
const drained = conn.clearQueue();
gc?.();
await new Promise((r) => setTimeout(r, 200));
gc?.();
// RSS rarely shrinks (V8 keeps the pages it grew into); the live heap is what must come back.
const afterHeap = Deno.memoryUsage().heapUsed;
console.log(
  JSON.stringify({
    error,
    idle,
    peak,
    after: rss(),
    idleHeap,
    afterHeap,
    counters,
    queued,
    drained,
  }),
);
