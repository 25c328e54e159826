/**
 * Packet-in checks (OFTest's `verify_packet_in` / `verify_no_packet_in`) for either version.
 *
 * @module
 */
import type { SwitchConnection } from "../controller/mod.ts";
import type { Of10PacketIn, Of13PacketIn } from "../ofp/mod.ts";
import { dialectOf } from "./_dialect.ts";
import { describeMismatch } from "./_frame_text.ts";

/** A PACKET_IN of either version. */
export type PacketIn = Of10PacketIn | Of13PacketIn;

/** What a packet-in must carry; fields left out are not checked. */
export interface PacketInExpectation {
  /** The frame the packet-in must carry (see `dataMatch`). */
  frame?: Uint8Array;
  /**
   * How `frame` is compared with the packet-in's data. `"whole"`: byte for byte. `"prefix"`
   * (default, OFTest's rule): equal, or a truncation of `frame` (a switch sends at most
   * `max_len` bytes), or `frame` followed by zero padding.
   */
  dataMatch?: "whole" | "prefix";
  /** Ingress port. */
  inPort?: number;
  /** `OFPR` reason (e.g. `of13.OFPR.NO_MATCH`, `ACTION`). */
  reason?: number;
  /** Table id (1.3). */
  tableId?: number;
  /** Cookie of the flow entry (1.3; all ones for a table miss without a miss entry). */
  cookie?: bigint;
}

/**
 * Whether a packet-in meets an expectation.
 *
 * @param msg The packet-in.
 * @param expected What it must carry.
 * @returns The first field that differs, as text, or undefined when it matches.
 */
export function packetInMismatch(msg: PacketIn, expected: PacketInExpectation): string | undefined {
  const inPort = dialectOf(msg.version).inPortOf(msg);
  if (expected.inPort !== undefined && inPort !== expected.inPort) {
    return `in_port: expected ${expected.inPort}, got ${inPort}`;
  }
  if (expected.reason !== undefined && msg.reason !== expected.reason) {
    return `reason: expected ${expected.reason}, got ${msg.reason}`;
  }
  if (msg.version === 4) {
    if (expected.tableId !== undefined && msg.tableId !== expected.tableId) {
      return `table_id: expected ${expected.tableId}, got ${msg.tableId}`;
    }
    if (expected.cookie !== undefined && msg.cookie !== expected.cookie) {
      return `cookie: expected 0x${expected.cookie.toString(16)}, got 0x${msg.cookie.toString(16)}`;
    }
  }
  const frame = expected.frame;
  if (frame && !dataMatches(msg.data, frame, expected.dataMatch ?? "prefix")) {
    return `data: expected the ${frame.length}-byte frame, got ${msg.data.length} bytes\n` +
      describeMismatch(frame, msg.data);
  }
  return undefined;
}

function dataMatches(data: Uint8Array, frame: Uint8Array, mode: "whole" | "prefix"): boolean {
  const common = Math.min(data.length, frame.length);
  for (let i = 0; i < common; i++) if (data[i] !== frame[i]) return false;
  if (data.length === frame.length) return true;
  if (mode === "whole") return false;
  if (data.length < frame.length) return true; // truncated to max_len
  for (let i = frame.length; i < data.length; i++) if (data[i] !== 0) return false;
  return true; // zero-padded
}

/**
 * Waits for a packet-in meeting `expected`, removing it from the poll queue. Packet-ins that
 * do not match stay queued.
 *
 * @param conn The switch.
 * @param expected What it must carry.
 * @param timeout Milliseconds.
 * @returns The packet-in, or undefined with the reasons the queued packet-ins did not match.
 */
export async function waitForPacketIn(
  conn: SwitchConnection,
  expected: PacketInExpectation,
  timeout: number,
): Promise<{ found?: PacketIn; misses: string[] }> {
  const found = await conn.poll(
    (msg) => msg.type === "PACKET_IN" && !packetInMismatch(msg as PacketIn, expected),
    { timeout },
  );
  if (found) return { found: found as PacketIn, misses: [] };
  const misses: string[] = [];
  for (;;) {
    const other = await conn.poll("PACKET_IN", { timeout: 0 }) as PacketIn | undefined;
    if (!other) break;
    misses.push(packetInMismatch(other, expected)!);
  }
  return { misses };
}
