// Dispatch of one chunk of frames on one connection, in OFTest's order: handshake → version
// check → PACKET_IN counted and limited (before decoding) → the exchange with the xid (a late
// reply is dropped) → keep-alive echo answered from its bytes → decode → ERROR logged →
// handlers → a waiting poll → the poll queue (the frame, decoded again when taken). Counters
// are added once per chunk.
import { decode, decodeAt, type OfpMessage } from "../ofp/codec.ts";
import type { HelloMessage } from "../ofp/hello.ts";
import { COMMON_TYPES as T } from "../ofp/_versions.ts";
import type { Connection } from "./_connection.ts";
import { C } from "./counters.ts";
import { hexdump } from "./hexdump.ts";

/** Dispatches the `count` frames of a chunk; frame `i` starts at `offsets[i]`. */
export function receive(
  c: Connection,
  bytes: Uint8Array,
  view: DataView,
  offsets: Uint32Array,
  count: number,
): void {
  let handled = 0, queued = 0, expired = 0, pins = 0, pinsDropped = 0, late = 0, bad = 0;
  try {
    if (c.isClosed) return;
    c.prober?.heard();
    const { keepAlive, packetInLimit: limit } = c.settings;
    if (limit !== Infinity) {
      const now = performance.now();
      if (now - c.pinWindow.start >= 1000) {
        c.pinWindow.start = now;
        c.pinWindow.count = 0;
      }
    }
    const taps = c.channel.taps.active ? c.channel.taps : undefined;
    for (let i = 0; i < count; i++) {
      if (c.isClosed) break;
      const off = offsets[i];
      const len = view.getUint16(off + 2);
      taps?.emit("in", bytes.subarray(off, off + len), c.channel.onTapError);
      const wtype = view.getUint8(off + 1);
      if (c.handshake.step === "hello") {
        if (handshake(c, bytes, view, off, len, wtype)) handled++;
        else bad++;
        continue;
      }
      const facts = c.facts!;
      let foreign: Uint8Array | undefined;
      if (view.getUint8(off) !== facts.version) {
        if (wtype !== T.ERROR || len < 12) {
          bad++;
          malformed(
            c,
            `Expected a version ${facts.version} message, got version ${view.getUint8(off)}`,
            bytes.subarray(off, off + len),
            undefined,
          );
          continue;
        }
        // A switch answers a message of a version it does not speak with an ERROR in that
        // version (OFPBRC_BAD_VERSION). An ERROR's layout is the same in every version: it is
        // read as one of ours, keeping its own version, rather than dropped.
        foreign = bytes.slice(off, off + len);
        foreign[0] = facts.version;
      }
      if (wtype === T.PACKET_IN) {
        pins++;
        if (limit !== Infinity && ++c.pinWindow.count > limit) {
          pinsDropped++;
          continue;
        }
      }
      const xid = view.getUint32(off + 4);
      const pending = wtype !== T.ECHO_REQUEST && wtype !== T.PACKET_IN ? c.tx.get(xid) : undefined;
      if (pending === undefined) {
        if (xid !== 0 && c.tx.isLate(xid)) {
          late++;
          continue;
        }
        if (wtype === T.ECHO_REQUEST && keepAlive) {
          // Answered from its bytes, with the type changed: no decode needed.
          const w = c.channel.writer;
          const start = w.pos;
          w.bytes(bytes.subarray(off, off + len), "echo");
          w.buf[start + 1] = T.ECHO_REPLY;
          c.channel.mark();
          handled++;
          continue;
        }
      }
      const wanted = pending === undefined && c.dispatcher.wants(facts.typeNames[wtype]);
      let msg: OfpMessage;
      try {
        msg = foreign
          ? { ...decode(foreign), version: view.getUint8(off) } as OfpMessage
          : decodeAt(bytes, view, off, len);
      } catch (e) {
        bad++;
        const frame = bytes.subarray(off, off + len);
        if (pending !== undefined) {
          // The reply is unreadable: its exchange fails now, not at its deadline.
          c.tx.abandon(xid);
          pending.fail(e as Error);
        }
        malformed(c, "Cannot decode a message from the switch", frame, e);
        continue;
      }
      if (pending !== undefined) {
        const more = wtype === facts.multipartReply && len >= 12 &&
          (view.getUint16(off + 10) & 1) !== 0;
        c.tx.deliver(xid, pending, { message: msg, wtype, length: len, more });
        handled++;
        continue;
      }
      if (wtype === T.ERROR) logError(c, msg, xid);
      if (wanted && c.dispatcher.dispatch(msg, c)) {
        handled++;
        continue;
      }
      queued++;
      // What a poll or the queue keeps is decoded from a private copy of its frame, never
      // from the read chunk (docs/controller.md, "Memory"); the queue keeps the frame itself.
      if (c.pollers.size !== 0) {
        const own = foreign ? msg : decode(bytes.slice(off, off + len));
        if (c.pollers.offer(own)) continue;
      }
      const frame = foreign ?? bytes.subarray(off, off + len);
      if (c.queue.push(frame, msg.type, foreign ? view.getUint8(off) : 0)) expired++;
    }
  } finally {
    const t = c.tally;
    t.add(C.received, count);
    t.add(C.handled, handled);
    t.add(C.queued, queued);
    t.add(C.expired, expired);
    t.add(C.packetIns, pins);
    t.add(C.packetInsDropped, pinsDropped);
    t.add(C.lateReplies, late);
    t.add(C.parseErrors, bad);
    t.consumed(bytes.length);
  }
}

/** The first frame: HELLO (consumed by the handshake) or anything else (which fails it). */
function handshake(
  c: Connection,
  bytes: Uint8Array,
  view: DataView,
  off: number,
  len: number,
  wtype: number,
): boolean {
  if (wtype !== T.HELLO) {
    c.handshake.unexpected(`Expected HELLO as the switch's first message, got type ${wtype}`);
    return true;
  }
  let hello: OfpMessage;
  try {
    hello = decodeAt(bytes, view, off, len);
  } catch (e) {
    c.log.error("Cannot decode the switch's HELLO\n{hexdump}", {
      connection: c.id,
      error: e,
      hexdump: hexdump(bytes.subarray(off, off + len)),
    });
    c.handshake.unexpected("Expected a well-formed HELLO, got one that cannot be decoded", e);
    return false;
  }
  c.handshake.hello(hello as HelloMessage);
  return true;
}

function logError(c: Connection, msg: OfpMessage, xid: number): void {
  const m = msg as { errType?: number; code?: number; data?: Uint8Array };
  if (m.errType === undefined || m.code === undefined) return;
  const names = c.facts?.errorNames(m.errType, m.code);
  c.log.warn(
    "Switch sent an error: type {typeName} ({errType}), code {codeName} ({code}), xid {xid}",
    {
      connection: c.id,
      xid,
      errType: m.errType,
      code: m.code,
      typeName: names?.typeName ?? "unknown",
      codeName: names?.codeName ?? "unknown",
      hexdump: hexdump(m.data ?? new Uint8Array(0), { max: 128 }),
    },
  );
}

function malformed(c: Connection, what: string, frame: Uint8Array, error: unknown): void {
  const policy = c.settings.onMalformed;
  c.log.error(`${what}: {policy}\n{hexdump}`, {
    connection: c.id,
    policy: policy === "skip" ? "skipped" : "closing the connection",
    error,
    hexdump: hexdump(frame, { max: 256 }),
  });
  if (policy === "disconnect") c.closeWith(what, error);
}
