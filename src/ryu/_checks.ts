// The packet checks of Ryu's tester (tester.py's _test_flow_matching_check,
// _test_no_pktin_reason_check and _test_flow_unmatching_check), with the data plane in the
// tester's place: a frame out of the target's send port is what Ryu's tester would have
// forwarded to the controller.
import { of10, of13 } from "../ofp/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";
import type { DataPlane, DataPlaneFrame } from "../testing/mod.ts";
import type { RyuPacketBuildOptions } from "./packet_expression.ts";
import type { RyuPacketTest } from "./patterns.ts";
import type { RyuPorts } from "./ports.ts";
import { TestFailure } from "./_failure.ts";
import type { PortCount, TargetOps } from "./_target_ops.ts";
import { describeMismatch } from "./_diff.ts";

/** What the checks need. */
export interface CheckContext {
  ops: TargetOps;
  dataPlane: DataPlane;
  ports: Readonly<RyuPorts>;
  /** Ryu's WAIT_TIMER: how long to wait for the frame or packet-in (ms). */
  timeout: number;
  /** How long to watch for frames elsewhere once the expected one came (ms). */
  quiet: number;
  /** Ryu's INTERVAL: the longest wait for table stats to count the lookup (ms). */
  tableMissWait: number;
  /** The random source for `randint`. */
  build: RyuPacketBuildOptions;
  /** Runs a throughput test alone. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Slice of a wait on the secondary event source (ms). */
const SLICE = 20;
/** The minimum Ethernet frame a wire carries (without FCS). */
const MIN_FRAME = 60;

/** The frame as a wire would deliver it: zero-padded to 60 bytes. */
export function onTheWire(frame: Uint8Array): Uint8Array {
  if (frame.length >= MIN_FRAME) return frame;
  const out = new Uint8Array(MIN_FRAME);
  out.set(frame);
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

type FirstEvent =
  | { kind: "frame"; frame: DataPlaneFrame }
  | { kind: "packet-in"; message: OfpMessage & { reason: number; data: Uint8Array } }
  | undefined;

/**
 * Waits for the first of: a frame out of the send port, or a packet-in from the target.
 * Frames out of other ports are collected in `elsewhere`.
 */
async function firstEvent(
  ctx: CheckContext,
  primary: "frame" | "packet-in",
  elsewhere: DataPlaneFrame[],
): Promise<FirstEvent> {
  const deadline = performance.now() + ctx.timeout;
  const send1 = ctx.ports.targetSend1;
  // The primary source is waited on in slices; the other is looked at between slices.
  const wait = (mine: boolean) =>
    mine ? Math.max(0, Math.min(deadline - performance.now(), SLICE)) : 0;
  for (;;) {
    const pin = await ctx.ops.conn.poll("PACKET_IN", { timeout: wait(primary === "packet-in") });
    if (pin) {
      return {
        kind: "packet-in",
        message: pin as OfpMessage & { reason: number; data: Uint8Array },
      };
    }
    let timeout = wait(primary === "frame");
    for (;;) {
      const f = await ctx.dataPlane.poll(undefined, { timeout });
      if (!f) break;
      if (f.port === send1) return { kind: "frame", frame: f };
      elsewhere.push(f);
      timeout = 0;
    }
    if (performance.now() >= deadline) return undefined;
  }
}

/** Frames (and packet-ins) that came after the expected one, within the quiet time. */
async function stragglers(ctx: CheckContext, elsewhere: DataPlaneFrame[]): Promise<void> {
  for (;;) {
    const f = await ctx.dataPlane.poll(undefined, { timeout: ctx.quiet });
    if (!f) break;
    elsewhere.push(f);
  }
  const f = elsewhere[0];
  if (f) {
    throw new TestFailure(
      "Received unexpected packet",
      `a ${f.frame.length}-byte frame also left through port ${f.port}` +
        (elsewhere.length > 1 ? ` (${elsewhere.length} such frames)` : ""),
    );
  }
}

function elsewhereText(elsewhere: DataPlaneFrame[]): string {
  if (!elsewhere.length) return "";
  const ports = [...new Set(elsewhere.map((f) => f.port))].join(", ");
  return ` (${elsewhere.length} frame(s) left through port ${ports})`;
}

/** Ryu's `egress` and `PACKET_IN` checks. */
export async function checkFrame(
  ctx: CheckContext,
  test: Extract<RyuPacketTest, { kind: "egress" | "packet-in" }>,
): Promise<void> {
  const { ops, dataPlane, ports } = ctx;
  const before = await ops.ports();
  ops.conn.clearQueue();
  dataPlane.clear();
  const expected = test.kind === "egress" ? test.egress : test.packetIn;
  const expectedFrame = expected.frame(ctx.build);
  await dataPlane.send(ports.targetRecv, test.ingress.frame(ctx.build));
  const elsewhere: DataPlaneFrame[] = [];
  const got = await firstEvent(ctx, test.kind === "egress" ? "frame" : "packet-in", elsewhere);
  if (!got) {
    const after = await ops.ports();
    throw new TestFailure(
      "Receiving timeout",
      noPacketReason(ctx, test.kind, before, after) + elsewhereText(elsewhere),
    );
  }
  if (test.kind === "egress") {
    if (got.kind === "packet-in") {
      throw new TestFailure(
        "Received incorrect packet-in",
        `SW[dpid=${dpidText(ops)}] (the target sent a packet-in, reason=${got.message.reason})`,
      );
    }
    const frame = onTheWire(got.frame.frame);
    if (!equal(frame, expectedFrame)) {
      throw new TestFailure(
        "Received incorrect packet",
        describeMismatch(expectedFrame, frame),
      );
    }
  } else {
    if (got.kind === "frame") {
      throw new TestFailure(
        "Received incorrect packet-in",
        `SW[tester] (the frame left the target through port ${got.frame.port})`,
      );
    }
    const invalid: number[] = ops.version === 4
      ? [of13.OFPR.NO_MATCH, of13.OFPR.INVALID_TTL]
      : [of10.OFPR.NO_MATCH];
    if (invalid.includes(got.message.reason)) {
      throw new TestFailure(
        "Received incorrect packet-in",
        `OFPPacketIn[reason=${got.message.reason}]`,
      );
    }
    // Ryu's expected frame carries the Ethernet padding to 60 bytes; a switch sends the
    // packet-in data as the frame is (56 bytes after a pop from a 60-byte frame, say).
    const data = onTheWire(got.message.data);
    if (!equal(data, expectedFrame)) {
      throw new TestFailure("Received incorrect packet", describeMismatch(expectedFrame, data));
    }
  }
  await stragglers(ctx, elsewhere);
}

function dpidText(ops: TargetOps): string {
  return (ops.conn.datapathId ?? 0n).toString(16).padStart(16, "0");
}

/** tester.py's _test_no_pktin_reason_check, with the data plane as the tester. */
function noPacketReason(
  ctx: CheckContext,
  kind: "egress" | "packet-in",
  before: Map<number, PortCount>,
  after: Map<number, PortCount>,
): string {
  const { targetRecv, targetSend1 } = ctx.ports;
  const rx = (m: Map<number, PortCount>) => m.get(targetRecv)?.rx;
  const tx = (m: Map<number, PortCount>) => m.get(targetSend1)?.tx;
  if (rx(before) === rx(after)) return "no change in rx_packets on target.";
  if (kind === "egress") {
    if (tx(before) === tx(after)) return "no change in tx_packets on target.";
    // The target counted the frame out of the send port, but the data plane got none.
    return "no change in rx_packets on tester.";
  }
  return "no packet-in.";
}

/** Ryu's `table-miss` check: the lookup counted in a listed table, no match counted there. */
export async function checkTableMiss(
  ctx: CheckContext,
  test: Extract<RyuPacketTest, { kind: "table-miss" }>,
): Promise<void> {
  const { ops } = ctx;
  const before = await ops.tables();
  await ctx.dataPlane.send(ctx.ports.targetRecv, test.ingress.frame(ctx.build));
  // Ryu waits a fixed second; the counters are read until a listed table counts the lookup.
  const deadline = performance.now() + ctx.tableMissWait;
  let after = await ops.tables();
  const looked = (m: typeof after) =>
    test.tables.some((t) => (m.get(t)?.lookup ?? 0n) > (before.get(t)?.lookup ?? 0n));
  while (!looked(after) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, SLICE));
    after = await ops.tables();
  }
  let lookup = false;
  for (const t of test.tables) {
    const b = before.get(t), a = after.get(t);
    if (!b || !a) {
      throw new TestFailure(
        "Table-miss error",
        `table ${t} is not in the table stats (tables ${[...after.keys()].join(", ")})`,
      );
    }
    if (b.lookup < a.lookup) {
      lookup = true;
      if (b.matched < a.matched) {
        throw new TestFailure("Table-miss error", "increment in matched_count.");
      }
    }
  }
  if (!lookup) throw new TestFailure("Table-miss error", "no change in lookup_count.");
}
