// What a connection sends on its own: PACKET_IN, FLOW_REMOVED and PORT_STATUS, in its version,
// filtered by its role and asynchronous configuration (OpenFlow 1.3 §6.1.1, §7.3.10).
import { of10, of13 } from "../ofp/mod.ts";
import type { OxmTlv } from "../ofp/mod.ts";
import type { Channel } from "./_channel.ts";
import type { DatapathListener, PacketInEvent } from "./_datapath.ts";
import type { FlowEntry } from "./_flow_entry.ts";
import { port13to10 } from "./_match.ts";
import type { Port } from "./_ports.ts";

const NO_BUFFER = 0xffffffff;
/** OpenFlow 1.1/1.2's OFPC_INVALID_TTL_TO_CONTROLLER, honoured in 1.3 too (as Open vSwitch). */
export const OFPC_INVALID_TTL_TO_CONTROLLER = 4;

/** Whether the connection's role and asynchronous configuration let a message through. */
function wants(ch: Channel, kind: 0 | 1 | 2, reason: number): boolean {
  if (ch.version === 1) return true;
  const mask = ch.async[kind][ch.role === "slave" ? 1 : 0];
  return (mask & (1 << reason)) !== 0;
}

/** The listener a connection registers with the datapath. */
export function events(ch: Channel): DatapathListener {
  return {
    packetIn: (ev) => packetIn(ch, ev),
    flowRemoved: (e, reason) => flowRemoved(ch, e, reason),
    portStatus: (p, reason) => portStatus(ch, p, reason),
  };
}

function packetIn(ch: Channel, ev: PacketInEvent): void {
  if (ev.only10 && ch.version !== 1) return;
  if (ev.reason === of13.OFPR.INVALID_TTL) {
    if (ch.version === 1) return;
    const byConfig = ch.role !== "slave" && (ch.configFlags & OFPC_INVALID_TTL_TO_CONTROLLER) !== 0;
    if (!byConfig && !wants(ch, 0, ev.reason)) return;
  } else if (!wants(ch, 0, ev.reason)) return;
  const maxLen = ev.maxLen ?? ch.missSendLen;
  let data = ev.frame, bufferId = NO_BUFFER;
  if (maxLen !== of13.OFPCML.NO_BUFFER && ev.frame.length > maxLen) {
    // Buffered, only the first max_len bytes go; with no buffer free, the whole frame goes.
    bufferId = ev.bufferId();
    if (bufferId !== NO_BUFFER) data = ev.frame.subarray(0, maxLen);
  }
  if (ch.version === 1) {
    ch.notify(of10.packetIn({
      bufferId,
      totalLen: ev.frame.length,
      inPort: port13to10(ev.inPort),
      reason: ev.reason,
      data,
    }));
    return;
  }
  const match: OxmTlv[] = [{ field: "in_port", value: ev.inPort }];
  if (ev.metadata !== 0n) match.push({ field: "metadata", value: ev.metadata });
  if (ev.tunnelId !== 0n) match.push({ field: "tunnel_id", value: ev.tunnelId });
  ch.notify(of13.packetIn({
    bufferId,
    totalLen: ev.frame.length,
    reason: ev.reason,
    tableId: ev.tableId,
    cookie: ev.cookie,
    match,
    data,
  }));
}

function flowRemoved(ch: Channel, e: FlowEntry, reason: number): void {
  if ((e.flags & of13.OFPFF.SEND_FLOW_REM) === 0 || e.wire.version !== ch.version) return;
  if (!wants(ch, 2, reason)) return;
  const [durationSec, durationNsec] = e.duration(ch.dp.now());
  if (e.wire.version === 4) {
    ch.notify(of13.flowRemoved({
      cookie: e.cookie,
      priority: e.priority,
      reason,
      tableId: e.tableId,
      durationSec,
      durationNsec,
      idleTimeout: e.idleTimeout,
      hardTimeout: e.hardTimeout,
      packetCount: BigInt(e.packets),
      byteCount: BigInt(e.bytes),
      match: e.wire.match,
    }));
  } else {
    ch.notify(of10.flowRemoved({
      match: e.wire.match,
      cookie: e.cookie,
      priority: e.priority,
      reason,
      durationSec,
      durationNsec,
      idleTimeout: e.idleTimeout,
      packetCount: BigInt(e.packets),
      byteCount: BigInt(e.bytes),
    }));
  }
}

function portStatus(ch: Channel, p: Port, reason: number): void {
  if (!wants(ch, 1, reason)) return;
  if (ch.version === 1) ch.notify(of10.portStatus(reason, p.toOf10()));
  else ch.notify(of13.portStatus(reason, p.toOf13()));
}
