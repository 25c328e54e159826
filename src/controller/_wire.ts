// Wire-level facts the Controller needs without waiting for a full decode: type numbers per
// version, and the few frames it builds itself (echo reply, barrier, features, HELLO_FAILED).

/** Wire type numbers the Controller acts on, identical in OpenFlow 1.0 and 1.3 unless noted. */
export const T = {
  HELLO: 0,
  ERROR: 1,
  ECHO_REQUEST: 2,
  ECHO_REPLY: 3,
  FEATURES_REQUEST: 5,
  FEATURES_REPLY: 6,
  PACKET_IN: 10,
} as const;

/** BARRIER_REQUEST's number: 18 in 1.0, 20 from 1.1 on. */
export function barrierRequestType(version: number): number {
  return version === 1 ? 18 : 20;
}

/** STATS_REPLY (1.0, 17) / MULTIPART_REPLY (1.3, 19): their flags sit at byte 10. */
export function multipartReplyType(version: number): number {
  return version === 1 ? 17 : 19;
}

/** A header-only frame. */
export function headerFrame(version: number, type: number, xid: number): Uint8Array {
  const f = new Uint8Array(8);
  const v = new DataView(f.buffer);
  v.setUint8(0, version);
  v.setUint8(1, type);
  v.setUint16(2, 8);
  v.setUint32(4, xid);
  return f;
}

/** An OFPT_ERROR frame with the given type, code and data. */
export function errorFrame(
  version: number,
  xid: number,
  errType: number,
  code: number,
  data: Uint8Array,
): Uint8Array {
  const f = new Uint8Array(12 + data.length);
  const v = new DataView(f.buffer);
  v.setUint8(0, version);
  v.setUint8(1, T.ERROR);
  v.setUint16(2, f.length);
  v.setUint32(4, xid);
  v.setUint16(8, errType);
  v.setUint16(10, code);
  f.set(data, 12);
  return f;
}

/** The fields of an ERROR body read straight from the frame (the same in 1.0 and 1.3). */
export interface ErrorFields {
  errType: number;
  code: number;
  data: Uint8Array;
}

/** Reads type, code and data of an ERROR frame at `off`; undefined if it is too short. */
export function readErrorFields(
  bytes: Uint8Array,
  view: DataView,
  off: number,
  len: number,
): ErrorFields | undefined {
  if (len < 12) return undefined;
  const errType = view.getUint16(off + 8);
  const code = view.getUint16(off + 10);
  // 1.3 experimenter errors (type 0xffff) carry a 4-byte experimenter id before the data.
  const dataAt = errType === 0xffff && len >= 16 ? 16 : 12;
  return { errType, code, data: bytes.subarray(off + dataAt, off + len) };
}
