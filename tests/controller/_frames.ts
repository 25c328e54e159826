// Frame builders for the controller tests: raw OpenFlow bytes, independent of the codec.

/** A frame with `body` after an 8-byte header. */
export function frame(
  version: number,
  type: number,
  xid: number,
  body: ArrayLike<number> = [],
): Uint8Array {
  const f = new Uint8Array(8 + body.length);
  const v = new DataView(f.buffer);
  v.setUint8(0, version);
  v.setUint8(1, type);
  v.setUint16(2, f.length);
  v.setUint32(4, xid);
  f.set(body, 8);
  return f;
}

/** HELLO; with `versions`, a version bitmap element. */
export function hello(version: number, xid = 1, versions?: number[]): Uint8Array {
  if (!versions) return frame(version, 0, xid);
  let bitmap = 0;
  for (const v of versions) bitmap |= 1 << v;
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, 1);
  v.setUint16(2, 8);
  v.setUint32(4, bitmap >>> 0);
  return frame(version, 0, xid, body);
}

/** FEATURES_REPLY with a datapath id (1.3 layout: 32 bytes; 1.0 gets the same prefix). */
export function featuresReply(version: number, xid: number, dpid: bigint): Uint8Array {
  const body = new Uint8Array(24);
  const v = new DataView(body.buffer);
  v.setBigUint64(0, dpid);
  v.setUint32(8, 256); // n_buffers
  v.setUint8(12, 254); // n_tables
  return frame(version, 6, xid, body);
}

/** ERROR with type, code, data. */
export function error(
  version: number,
  xid: number,
  type: number,
  code: number,
  data: ArrayLike<number> = [],
): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  const v = new DataView(body.buffer);
  v.setUint16(0, type);
  v.setUint16(2, code);
  body.set(data, 4);
  return frame(version, 1, xid, body);
}

/** A 1.3 MULTIPART_REPLY (or, for version 1, a STATS_REPLY) of `statsType` with flags. */
export function multipartReply(
  version: number,
  xid: number,
  flags: number,
  statsType = 1,
): Uint8Array {
  const body = new Uint8Array(version === 1 ? 4 : 8);
  const v = new DataView(body.buffer);
  v.setUint16(0, statsType);
  v.setUint16(2, flags);
  return frame(version, version === 1 ? 17 : 19, xid, body);
}

/** A 1.3 PACKET_IN (106 bytes, as in perf.md) with a marker in its data. */
export function packetIn13(marker: number): Uint8Array {
  const body = new Uint8Array(98);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0xffffffff); // buffer_id
  v.setUint16(4, 64); // total_len
  v.setUint8(6, 0); // reason
  v.setUint8(7, 0); // table
  v.setBigUint64(8, 0n); // cookie
  v.setUint16(16, 1); // match type OXM
  v.setUint16(18, 12); // match length
  v.setUint32(20, 0x80000004); // in_port
  v.setUint32(24, 1);
  v.setUint32(90, marker);
  return frame(4, 10, 0, body);
}

/** Concatenates frames into one chunk. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The wire type byte of a frame. */
export const typeOf = (f: Uint8Array | undefined): number | undefined => f?.[1];
/** The xid of a frame. */
export const xidOf = (f: Uint8Array): number => new DataView(f.buffer, f.byteOffset).getUint32(4);

/** A message type no OpenFlow version assigns: it decodes as RAW in every version. */
export const UNKNOWN = 99;
/** Another unassigned type, to tell two kinds of RAW message apart. */
export const UNKNOWN_2 = 98;

/** The marker `packetIn13` put in a PACKET_IN, whether decoded as RAW or as PACKET_IN. */
export function packetInMarker(m: unknown): number {
  const msg = m as { body?: Uint8Array; data?: Uint8Array };
  const bytes = msg.body ?? msg.data!;
  const at = msg.body ? 90 : 56; // the 64-byte data starts 34 bytes into the body
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}
