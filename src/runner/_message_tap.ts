// The OpenFlow messages a test exchanged: tapped from the connection, summarized for the
// reports, and written as a pcap of TCP segments that Wireshark/tshark decode as OpenFlow
// (`-d tcp.port==PORT,openflow` for a port other than 6653).
import type { SwitchConnection } from "../controller/mod.ts";
import { decode, of10, of13 } from "../ofp/mod.ts";
import { build, type Layer, PcapWriter } from "../packet/mod.ts";

/** One message as tapped. */
export interface TappedMessage {
  direction: "in" | "out";
  /** Epoch milliseconds (fractional). */
  time: number;
  /** The message's bytes (a copy). */
  bytes: Uint8Array;
  /** `TYPE xid N (L bytes)`, with the error's names for an ERROR. */
  summary: string;
}

function summarize(bytes: Uint8Array): string {
  try {
    const msg = decode(bytes);
    let detail = "";
    if (msg.type === "ERROR" && (msg.version === 1 || msg.version === 4)) {
      const names = msg.version === 1 ? of10 : of13;
      detail = ` ${names.errorName(msg.errType, msg.code)}`;
    }
    return `${msg.type}${detail} xid ${msg.xid} (${bytes.length} bytes)`;
  } catch {
    return `undecodable frame (${bytes.length} bytes)`;
  }
}

/** Calls `listener` with every message to or from `conn` until the returned function is called. */
export function tapMessages(
  conn: SwitchConnection,
  listener: (message: TappedMessage) => void,
): () => void {
  return conn.tap((direction, bytes) => {
    listener({
      direction,
      time: performance.timeOrigin + performance.now(),
      bytes: bytes.slice(),
      summary: summarize(bytes),
    });
  });
}

const CONTROLLER_MAC = "02:00:00:00:00:01";
const SWITCH_MAC = "02:00:00:00:00:02";

/** The messages as TCP segments between the connection's two addresses, in a pcap file. */
export function controlChannelPcap(
  conn: SwitchConnection,
  messages: readonly TappedMessage[],
): Uint8Array {
  const pcap = new PcapWriter({ precision: "nanosecond" });
  const v6 = conn.local.hostname.includes(":");
  const seq = { in: 1, out: 1 };
  for (const m of messages) {
    const out = m.direction === "out";
    const [src, dst] = out ? [conn.local, conn.remote] : [conn.remote, conn.local];
    const ip: Layer = v6
      ? { type: "ipv6", src: src.hostname, dst: dst.hostname }
      : { type: "ipv4", src: src.hostname, dst: dst.hostname, flags: 2 };
    const frame = build([
      {
        type: "ethernet",
        src: out ? CONTROLLER_MAC : SWITCH_MAC,
        dst: out ? SWITCH_MAC : CONTROLLER_MAC,
      },
      ip,
      {
        type: "tcp",
        srcPort: src.port,
        dstPort: dst.port,
        seq: seq[m.direction],
        ack: seq[out ? "in" : "out"],
        flags: 0x18, // PSH, ACK
        window: 65535,
      },
      { type: "raw", data: m.bytes },
    ]);
    seq[m.direction] = (seq[m.direction] + m.bytes.length) >>> 0;
    pcap.write(frame, BigInt(Math.round(m.time * 1e6)));
  }
  return pcap.bytes();
}
