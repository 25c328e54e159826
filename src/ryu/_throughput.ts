// Ryu's throughput tests (tester.py's _continuous_packet_send and _test_throughput_check):
// frames sent into the target at `pktps` for `duration_time` seconds, the frames out of the
// target counted per throughput entry, each rate within 10 % of the expected one.
import type { RyuPacketTest } from "./patterns.ts";
import { TestFailure } from "./_failure.ts";
import type { CheckContext } from "./_checks.ts";
import { onTheWire } from "./_checks.ts";
import { describeMatch, frameFields, frameMatches, unsupportedFields } from "./_frame_match.ts";
import type { Of13Match } from "../ofp/mod.ts";

/** Ryu's THROUGHPUT_THRESHOLD: the measured rate may be 10 % off. */
export const THROUGHPUT_THRESHOLD = 0.10;
/** Ryu's CONTINUOUS_THREAD_INTVL: a batch of frames every 10 ms. */
const TICK = 10;

/** Ryu's text of a match's fields, e.g. `{'in_port': 2, 'eth_type': 2048}`. */
function ryuFields(match: Of13Match | unknown): string {
  if (!Array.isArray(match)) return describeMatch(match as never);
  return `{${
    (match as Of13Match).map((t) => {
      const v = "value" in t ? t.value : "";
      const shown = typeof v === "string" ? `'${v}'` : String(v);
      return `'${t.field}': ${
        "mask" in t && t.mask !== undefined ? `(${shown}, ${String(t.mask)})` : shown
      }`;
    }).join(", ")
  }}`;
}

/** Sends at the test's rate, counts what leaves the target, checks every rate. */
export async function checkThroughput(
  ctx: CheckContext,
  test: Extract<RyuPacketTest, { kind: "throughput" }>,
): Promise<void> {
  for (const t of test.throughput) {
    const bad = unsupportedFields(t.match);
    if (bad.length) {
      throw new TestFailure(
        "Received unexpected throughput",
        `cannot count frames by ${bad.join(", ")} (not supported by this tester)`,
      );
    }
  }
  const { ports, dataPlane } = ctx;
  // A frame out of target port P arrives at the tester port wired to it.
  const testerPortOf = new Map<number, number>([
    [ports.targetRecv, ports.testerSend],
    [ports.targetSend1, ports.testerRecv1],
    [ports.targetSend2, ports.testerRecv2],
  ]);
  const counts = test.throughput.map(() => ({ packets: 0, bytes: 0 }));
  const count = (port: number, raw: Uint8Array) => {
    const frame = onTheWire(raw);
    let fields;
    try {
      fields = frameFields(frame, testerPortOf.get(port) ?? port);
    } catch {
      return; // not parseable: no counting flow of the tester would match it by field
    }
    test.throughput.forEach((t, i) => {
      if (frameMatches(t.match, fields)) {
        counts[i].packets++;
        counts[i].bytes += frame.length;
      }
    });
  };
  // Drains what the data plane queued, every tick (no timer per frame).
  const drain = async () => {
    for (;;) {
      const f = await dataPlane.poll(undefined, { timeout: 0 });
      if (!f) return;
      count(f.port, f.frame);
    }
  };
  dataPlane.clear();
  const droppedBefore = dataPlane.dropped;
  const fixed = test.ingress.randomized ? undefined : test.ingress.frame(ctx.build);
  const start = performance.now();
  const end = start + test.durationTime * 1000;
  let sent = 0, now = start;
  // Ryu sends a batch every 10 ms; catching up on a late tick keeps the average rate.
  while ((now = performance.now()) < end) {
    const due = Math.floor((test.pktps * (now - start)) / 1000);
    while (sent < due && performance.now() < end) {
      await dataPlane.send(ports.targetRecv, fixed ?? test.ingress.frame(ctx.build));
      if (++sent % 64 === 0) await drain();
    }
    await drain();
    await new Promise((r) => setTimeout(r, TICK));
  }
  await drain();
  const elapsed = (performance.now() - start) / 1000;
  const msgs: string[] = [];
  test.throughput.forEach((t, i) => {
    const [unit, conv, measured, rate] = t.pktps
      ? ["pktps", 1, counts[i].packets, t.pktps]
      : ["kbps", 1024 / 8, counts[i].bytes, t.kbps!];
    const expected = rate * elapsed * conv;
    if (Math.abs(measured - expected) > expected * THROUGHPUT_THRESHOLD) {
      msgs.push(`${ryuFields(t.match)} ${(measured / elapsed / conv).toFixed(2)}${unit}`);
    }
  });
  if (msgs.length) {
    // Name the rate the tester reached when it fell short of the one asked.
    const reached = sent / elapsed;
    const short = reached < test.pktps * (1 - THROUGHPUT_THRESHOLD)
      ? `; the tester sent ${reached.toFixed(0)} of the ${test.pktps} pktps asked`
      : "";
    const dropped = dataPlane.dropped - droppedBefore;
    const lost = dropped ? `; the data plane's queues dropped ${dropped} frames` : "";
    throw new TestFailure(
      "Received unexpected throughput",
      `${msgs.join(", ")} (sent ${sent} frames in ${elapsed.toFixed(1)} s${short}${lost})`,
    );
  }
}
