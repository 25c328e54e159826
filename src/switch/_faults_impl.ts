// How the fault modes break frames and flood packet-ins.
import { decode, encode, of10, of13 } from "../ofp/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";
import type { Channel } from "./_channel.ts";
import type { FloodOptions, MalformedKind, PacketInFlood } from "./faults.ts";

/** Message types that answer a request (what the reply faults act on). */
export const REPLY_TYPES: ReadonlySet<string> = new Set([
  "ECHO_REPLY",
  "FEATURES_REPLY",
  "GET_CONFIG_REPLY",
  "BARRIER_REPLY",
  "MULTIPART_REPLY",
  "STATS_REPLY",
  "QUEUE_GET_CONFIG_REPLY",
  "ROLE_REPLY",
  "GET_ASYNC_REPLY",
  "ERROR",
]);

function setLength(b: Uint8Array, length: number): void {
  b[2] = length >> 8;
  b[3] = length & 0xff;
}

/** A copy of a well-formed frame, broken as `kind` says. */
export function malform(frame: Uint8Array, kind: MalformedKind): Uint8Array {
  switch (kind) {
    case "short-length": {
      const b = frame.slice();
      setLength(b, 4);
      return b;
    }
    case "bad-version": {
      const b = frame.slice();
      b[0] = 3; // OpenFlow 1.2, which neither end negotiates here
      return b;
    }
    case "truncated-body": {
      // Half the body, if that no longer decodes; otherwise (a body of any length, or none)
      // a PORT_STATUS with 4 of its bytes, under the reply's xid.
      const body = frame.length - 8;
      if (body >= 2) {
        const b = frame.slice(0, 8 + (body >> 1));
        setLength(b, b.length);
        try {
          decode(b);
        } catch {
          return b;
        }
      }
      const b = new Uint8Array(12);
      b.set(frame.subarray(0, 8));
      b[1] = 12;
      setLength(b, 12);
      return b;
    }
  }
}

/** Starts a packet-in flood on a connection. */
export function flood(ch: Channel, options: FloodOptions): PacketInFlood {
  const count = options.count;
  if (count !== undefined && !(Number.isInteger(count) && count >= 1)) {
    throw new RangeError(`Expected a flood count that is a positive integer, got ${count}`);
  }
  const frame = options.frame ?? defaultFrame();
  const inPort = options.inPort ?? 1;
  const msg: OfpMessage = ch.version === 1
    ? of10.packetIn({ inPort, data: frame, reason: of10.OFPR.NO_MATCH })
    : of13.packetIn({
      match: of13.match({ in_port: inPort }),
      data: frame,
      reason: of13.OFPR.NO_MATCH,
    });
  const one = encode(msg);
  const BATCH = 64;
  const batch = new Uint8Array(one.length * BATCH);
  for (let i = 0; i < BATCH; i++) batch.set(one, i * one.length);
  let sent = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped && !ch.closing && (count === undefined || sent < count)) {
      const n = count === undefined ? BATCH : Math.min(BATCH, count - sent);
      ch.writeRaw(n === BATCH ? batch.slice() : batch.slice(0, n * one.length));
      sent += n;
      await ch.drained();
    }
    return sent;
  })();
  return {
    get sent() {
      return sent;
    },
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}

function defaultFrame(): Uint8Array {
  const f = new Uint8Array(64);
  f.fill(0xff, 0, 6);
  f[12] = 0x88;
  f[13] = 0xb5;
  return f;
}
