// OpenFlow 1.0 message dispatch. (Stub: filled in by the OpenFlow 1.0 codec work.)
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import type { Of10Message } from "./types.ts";
import type { RawMessage } from "../raw.ts";

/** Decodes an OpenFlow 1.0 message body; `r` stands after the header. */
export function decodeOf10(r: Reader, type: number, xid: number): Of10Message | RawMessage {
  return { version: 1, type: "RAW", xid, msgType: type, body: r.bytesView(r.remaining, "body") };
}

/** Encodes a whole OpenFlow 1.0 message, header included. */
export function encodeOf10(_w: Writer, msg: Of10Message): void {
  throw new Error(`not implemented: ${msg.type}`);
}
