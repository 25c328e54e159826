// OpenFlow 1.3 message dispatch. (Stub: filled in by the OpenFlow 1.3 codec work.)
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import type { Of13Message } from "./types.ts";
import type { RawMessage } from "../raw.ts";

/** Decodes an OpenFlow 1.3 message body; `r` stands after the header. */
export function decodeOf13(r: Reader, type: number, xid: number): Of13Message | RawMessage {
  return { version: 4, type: "RAW", xid, msgType: type, body: r.bytesView(r.remaining, "body") };
}

/** Encodes a whole OpenFlow 1.3 message, header included. */
export function encodeOf13(_w: Writer, msg: Of13Message): void {
  throw new Error(`not implemented: ${msg.type}`);
}
