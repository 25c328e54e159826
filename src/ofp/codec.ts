/**
 * `decode` and `encode`: the codec's two entry points, dispatching on the header's version.
 *
 * @module
 */

import { Reader } from "./_reader.ts";
import { Writer } from "./_writer.ts";
import { OfpDecodeError, OfpEncodeError } from "./errors.ts";
import { beginMessage, endMessage, OFP_HEADER_LEN, OFP_VERSION } from "./header.ts";
import { decodeHelloBody, encodeHelloBody, type HelloMessage } from "./hello.ts";
import type { RawMessage } from "./raw.ts";
import { decodeOf10, encodeOf10 } from "./v10/codec.ts";
import type { Of10Message } from "./v10/types.ts";
import { decodeOf13, encodeOf13 } from "./v13/codec.ts";
import type { Of13Message } from "./v13/types.ts";

/**
 * Any message the codec decodes or encodes: discriminated by `version` and `type`.
 * Plain data (no class instances), so messages cross a `MessageChannel` unchanged.
 */
export type OfpMessage = HelloMessage | RawMessage | Of10Message | Of13Message;

/** The message types of one version, by version number. */
export type OfpMessageOf<V extends number> = V extends 1 ? Of10Message
  : V extends 4 ? Of13Message
  : never;

/**
 * Decodes one whole OpenFlow message. The frame must hold exactly one message: its
 * header's length must equal `bytes.length`.
 *
 * Byte fields of the result (packet data, unknown bodies) are views into `bytes`, not
 * copies: keep `bytes` unchanged while the message is in use, or copy those fields.
 *
 * @param bytes The message, header included.
 * @returns The decoded message; unknown versions and types decode as {@linkcode RawMessage}.
 * @throws {OfpDecodeError} On any malformed input, with offset, field path and bytes.
 *
 * @example
 * ```ts
 * import { decode } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = decode(new Uint8Array([4, 2, 0, 12, 0, 0, 0, 9, 0xca, 0xfe, 0xba, 0xbe]));
 * assert.equal(msg.type, "ECHO_REQUEST");
 * assert.equal(msg.xid, 9);
 * ```
 */
export function decode(bytes: Uint8Array): OfpMessage {
  return decodeAt(
    bytes,
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    0,
    bytes.length,
  );
}

/**
 * Decodes the message at `bytes[offset, offset + length)`, reusing a DataView that covers
 * all of `bytes`. For decoders of many frames in one chunk, where a DataView per frame
 * would cost more than the decode itself.
 *
 * @param bytes The chunk holding the frame.
 * @param view A DataView over exactly `bytes`.
 * @param offset Where the frame starts.
 * @param length The frame's length (must match its header).
 * @returns The decoded message.
 * @throws {OfpDecodeError} On any malformed input.
 */
export function decodeAt(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  length: number,
): OfpMessage {
  const r: Reader = new Reader(bytes, view, offset, offset + length);
  if (length < OFP_HEADER_LEN) {
    r.fail(`Frame of ${length} bytes is shorter than the 8-byte header`, "header");
  }
  const version = view.getUint8(offset);
  const type = view.getUint8(offset + 1);
  const declared = view.getUint16(offset + 2);
  const xid = view.getUint32(offset + 4);
  if (declared !== length) {
    r.fail(
      `Header length ${declared} does not match the frame's ${length} bytes`,
      "header.length",
      offset + 2,
    );
  }
  r.pos = offset + OFP_HEADER_LEN;
  let msg: OfpMessage;
  try {
    if (type === 0) msg = decodeHelloBody(r, version, xid);
    else if (version === OFP_VERSION.OF13) msg = decodeOf13(r, type, xid);
    else if (version === OFP_VERSION.OF10) msg = decodeOf10(r, type, xid);
    else msg = { version, type: "RAW", xid, msgType: type, body: r.bytesView(r.remaining, "body") };
  } catch (e) {
    if (e instanceof OfpDecodeError) throw e;
    // A bug in a decoder must still surface as a typed error carrying the bytes.
    r.fail(`Unexpected failure while decoding: ${(e as Error)?.message ?? e}`, "message", r.pos);
  }
  r.expectEnd("message");
  return msg;
}

const scratch = new Writer(64 * 1024);

/**
 * Encodes a message to a new `Uint8Array`. Lengths and padding are computed; `xid` must be set.
 *
 * @param message The message to encode.
 * @returns Its wire bytes.
 * @throws {OfpEncodeError} If a field is missing, of the wrong type, or out of range.
 *
 * @example
 * ```ts
 * import { encode } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const bytes = encode({ version: 4, type: "BARRIER_REQUEST", xid: 5 });
 * assert.deepEqual(bytes, new Uint8Array([4, 20, 0, 8, 0, 0, 0, 5]));
 * ```
 */
export function encode(message: OfpMessage): Uint8Array {
  scratch.reset();
  encodeInto(scratch, message);
  return scratch.finish();
}

/**
 * Appends a message's bytes to a writer, for batching many messages into one buffer.
 * @internal
 */
export function encodeInto(w: Writer, message: OfpMessage): void {
  if (message === null || typeof message !== "object") {
    throw new OfpEncodeError(
      `Expected a message object, got ${message === null ? "null" : typeof message}`,
      "message",
    );
  }
  const start = w.pos;
  try {
    switch (message.type) {
      case "HELLO": {
        const at = beginMessage(w, message.version, 0, message.xid);
        encodeHelloBody(w, message);
        endMessage(w, at);
        return;
      }
      case "RAW": {
        const at = beginMessage(w, message.version, message.msgType, message.xid);
        w.bytes(message.body, "body");
        endMessage(w, at);
        return;
      }
    }
    if (message.version === OFP_VERSION.OF13) return encodeOf13(w, message as Of13Message);
    if (message.version === OFP_VERSION.OF10) return encodeOf10(w, message as Of10Message);
    throw new OfpEncodeError(
      `Version ${(message as { version: unknown }).version} supports only HELLO and RAW messages`,
      "version",
    );
  } catch (e) {
    w.pos = start; // leave no half-written message behind in a batch
    if (e instanceof OfpEncodeError) throw e;
    throw new OfpEncodeError(
      `Cannot encode ${String((message as { type?: unknown }).type)}: ${
        (e as Error)?.message ?? e
      }`,
      "message",
      { cause: e },
    );
  }
}
