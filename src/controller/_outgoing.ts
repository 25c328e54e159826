// A connection's outgoing messages: encoded into its channel's writer, with fresh xids where
// a message has none, and requests checked against the pending xids.
import { encodeInto, type OfpMessage } from "../ofp/codec.ts";
import { OfpEncodeError } from "../ofp/errors.ts";
import type { Channel } from "./_outbox.ts";
import type { Transactions } from "./_transactions.ts";

/** Writes one connection's messages and raw frames. */
export class Outgoing {
  constructor(readonly channel: Channel, readonly tx: Transactions) {}

  /** Raw bytes, as they are. */
  raw(bytes: Uint8Array): void {
    this.channel.beforeWrite();
    this.channel.writer.bytes(bytes, "frame");
    this.channel.mark();
  }

  /** A message with its own xid (which must be set). */
  encode(message: OfpMessage): void {
    this.channel.beforeWrite();
    encodeInto(this.channel.writer, message);
    this.channel.mark();
  }

  /**
   * A message; one whose xid is 0 or absent gets a fresh xid.
   *
   * @returns The xid written.
   * @throws {OfpEncodeError} If it is not a message object or cannot be encoded.
   */
  message(message: OfpMessage): number {
    if (message === null || typeof message !== "object") {
      throw new OfpEncodeError(
        `Expected a message object or raw frame bytes, got ${
          message === null ? "null" : typeof message
        }`,
        "message",
      );
    }
    this.channel.beforeWrite();
    const w = this.channel.writer;
    const start = w.pos;
    const own = message.xid;
    const xid = own ? own : this.tx.nextXid();
    encodeInto(w, own === undefined ? { ...message, xid } : message);
    if (own !== xid) w.setU32(start + 4, xid);
    this.channel.mark();
    return xid;
  }

  /**
   * The request of a new exchange: a message, or a raw frame (xid 0 patched to a fresh one).
   *
   * @returns Its xid and wire type.
   * @throws {RangeError} On a raw frame under 8 bytes.
   * @throws {TypeError} If its xid is already pending (nothing is written).
   */
  request(message: OfpMessage | Uint8Array): { xid: number; msgType: number } {
    this.channel.beforeWrite();
    const w = this.channel.writer;
    const start = w.pos;
    if (message instanceof Uint8Array) {
      if (message.length < 8) {
        throw new RangeError(
          `Cannot transact a frame of ${message.length} bytes: expected at least the 8-byte header`,
        );
      }
      w.bytes(message, "frame");
      if (w.view.getUint32(start + 4) === 0) w.setU32(start + 4, this.tx.nextXid());
      this.channel.mark();
    } else {
      const own = message?.xid;
      if (own && this.tx.has(own)) {
        throw new TypeError(`Cannot start a transaction with xid ${own}: one is already pending`);
      }
      this.message(message);
    }
    const xid = w.view.getUint32(start + 4);
    if (this.tx.has(xid)) {
      w.pos = start;
      throw new TypeError(`Cannot start a transaction with xid ${xid}: one is already pending`);
    }
    return { xid, msgType: w.buf[start + 1] };
  }
}
