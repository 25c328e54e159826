// Raw OpenFlow frames for the load generators. Built by hand, on purpose: a load generator
// must not depend on the code it measures.

/** An OpenFlow header of `length` bytes (body zero) with the given version, type and xid. */
export function header(version: number, type: number, length: number, xid: number): Uint8Array {
  const f = new Uint8Array(length);
  const v = new DataView(f.buffer);
  v.setUint8(0, version), v.setUint8(1, type), v.setUint16(2, length), v.setUint32(4, xid);
  return f;
}

/** HELLO with a version bitmap for `versions`. */
export function hello(version: number, versions: number[]): Uint8Array {
  const f = header(version, 0, 16, 1);
  const v = new DataView(f.buffer);
  v.setUint16(8, 1), v.setUint16(10, 8);
  v.setUint32(12, versions.reduce((m, x) => m | (1 << x), 0));
  return f;
}

/** FEATURES_REPLY for `xid` (OF1.3: 32 bytes; OF1.0: 32 bytes, no ports). */
export function featuresReply(version: number, xid: number, dpid: bigint): Uint8Array {
  const f = header(version, 6, 32, xid);
  const v = new DataView(f.buffer);
  v.setBigUint64(8, dpid), v.setUint32(16, 256), v.setUint8(20, 254);
  return f;
}

/** The OF1.3 PACKET_IN of perf.md: 106 bytes (8 + 16 + 16-byte match + 2 + 64 data). */
export function packetIn13(xid: number): Uint8Array {
  const f = header(4, 10, 106, xid);
  const v = new DataView(f.buffer);
  v.setUint32(8, 0xffffffff), v.setUint16(12, 64), v.setUint8(14, 0), v.setUint8(15, 0);
  v.setUint16(24, 1), v.setUint16(26, 12), v.setUint32(28, 0x80000004), v.setUint32(32, 1);
  for (let i = 0; i < 64; i++) f[42 + i] = i;
  return f;
}

/** An OF1.0 PACKET_IN carrying a 60-byte frame, with `bufferId` to correlate the answer. */
export function packetIn10(xid: number, bufferId: number, inPort: number): Uint8Array {
  const f = header(1, 10, 18 + 60, xid);
  const v = new DataView(f.buffer);
  v.setUint32(8, bufferId), v.setUint16(12, 60), v.setUint16(14, inPort), v.setUint8(16, 0);
  // Ethernet: dst 00:00:00:00:00:01 (never a source, so a learning switch floods), src by port.
  f.set([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, inPort & 0xff, 0x08, 0x00], 18);
  return f;
}

/** Several copies of a frame back to back, for large writes. */
export function repeat(frame: Uint8Array, count: number): Uint8Array {
  const out = new Uint8Array(frame.length * count);
  for (let i = 0; i < count; i++) out.set(frame, i * frame.length);
  return out;
}

/** Calls `onFrame(view, offset, length)` for each complete frame; returns the unconsumed tail. */
export function frames(
  buf: Uint8Array,
  onFrame: (view: DataView, offset: number, length: number) => void,
): Uint8Array {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 0;
  while (buf.length - p >= 8) {
    const len = view.getUint16(p + 2);
    if (len < 8) throw new Error(`Bad frame length ${len}`);
    if (buf.length - p < len) break;
    onFrame(view, p, len);
    p += len;
  }
  return buf.subarray(p);
}

/** Reads from `conn` forever, handing each complete frame to `onFrame`; resolves on EOF. */
export async function readFrames(
  conn: Deno.Conn,
  onFrame: (view: DataView, offset: number, length: number) => void,
): Promise<void> {
  let rest = new Uint8Array(0);
  const buf = new Uint8Array(256 * 1024);
  for (;;) {
    let n: number | null;
    try {
      n = await conn.read(buf);
    } catch {
      return;
    }
    if (n === null) return;
    let chunk = buf.subarray(0, n);
    if (rest.length) {
      const joined = new Uint8Array(rest.length + n);
      joined.set(rest), joined.set(chunk, rest.length);
      chunk = joined;
    }
    rest = frames(chunk, onFrame).slice();
  }
}

/** Writes all of `bytes`. */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}
