// Transport headers: TCP (with options), UDP, and SCTP (common header and chunks).
import { DEFAULTS, EMPTY } from "./_defaults.ts";
import { bytes, list, tooLong, uint } from "./_field.ts";
import { describe } from "../ofp/_addresses.ts";
import type { SctpChunk, SctpLayer, TcpLayer, UdpLayer } from "./layers.ts";
import { type BuildState, narrow, need, NEXT_RAW, type ParseState, u16, u32 } from "./_state.ts";

const T = DEFAULTS.tcp, U = DEFAULTS.udp, S = DEFAULTS.sctp;
const NO_CHUNKS: SctpChunk[] = [];

/** The TCP header size: 20 bytes and the options, zero-padded to 4-byte words. */
export function sizeTcp(i: number, l: TcpLayer): number {
  const n = bytes(l.options, EMPTY, i, l, "options").length;
  if (n > 40) throw tooLong(i, l, "options", 40, n);
  return 20 + ((n + 3) & ~3);
}

/** Writes a TCP header (the checksum is filled later). */
export function writeTcp(st: BuildState, i: number, l: TcpLayer): void {
  const o = st.off[i], out = st.out, v = st.view, size = st.off[i + 1] - o;
  v.setUint16(o, uint(l.srcPort, T.srcPort, 0xffff, i, l, "srcPort"));
  v.setUint16(o + 2, uint(l.dstPort, T.dstPort, 0xffff, i, l, "dstPort"));
  v.setUint32(o + 4, uint(l.seq, T.seq, 0xffffffff, i, l, "seq"));
  v.setUint32(o + 8, uint(l.ack, T.ack, 0xffffffff, i, l, "ack"));
  const offset = uint(l.dataOffset, size >> 2, 15, i, l, "dataOffset");
  const reserved = uint(l.reserved, T.reserved, 7, i, l, "reserved");
  const flags = uint(l.flags, T.flags, 0x1ff, i, l, "flags");
  v.setUint16(o + 12, (offset << 12) | (reserved << 9) | flags);
  v.setUint16(o + 14, uint(l.window, T.window, 0xffff, i, l, "window"));
  v.setUint16(o + 16, uint(l.checksum, 0, 0xffff, i, l, "checksum"));
  v.setUint16(o + 18, uint(l.urgent, T.urgent, 0xffff, i, l, "urgent"));
  if (l.options !== undefined) out.set(l.options, o + 20);
}

/** Writes a UDP header (the checksum is filled later). */
export function writeUdp(st: BuildState, i: number, l: UdpLayer): void {
  const o = st.off[i], v = st.view;
  v.setUint16(o, uint(l.srcPort, U.srcPort, 0xffff, i, l, "srcPort"));
  v.setUint16(o + 2, uint(l.dstPort, U.dstPort, 0xffff, i, l, "dstPort"));
  const length = st.end - o;
  if (l.length === undefined && length > 0xffff) throw tooLong(i, l, "a datagram", 0xffff, length);
  v.setUint16(o + 4, uint(l.length, length, 0xffff, i, l, "length"));
  v.setUint16(o + 6, uint(l.checksum, 0, 0xffff, i, l, "checksum"));
}

/** The SCTP size: the 12-byte common header and every chunk padded to 4 bytes. */
export function sizeSctp(i: number, l: SctpLayer): number {
  const chunks = list<SctpChunk>(l.chunks, NO_CHUNKS, i, l, "chunks");
  let size = 12;
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k];
    if (c === null || typeof c !== "object") {
      throw new TypeError(
        `Cannot build layer ${i} (sctp): expected chunks[${k}] as an object, got ${describe(c)}`,
      );
    }
    uint(c.chunkType, undefined, 0xff, i, l, `chunks[${k}].chunkType`);
    const n = bytes(c.data, EMPTY, i, l, `chunks[${k}].data`).length;
    if (n > 0xffff - 4) throw tooLong(i, l, `chunks[${k}].data`, 0xffff - 4, n);
    size += (4 + n + 3) & ~3;
  }
  return size;
}

/** Writes an SCTP common header and its chunks (the checksum is filled later). */
export function writeSctp(st: BuildState, i: number, l: SctpLayer): void {
  const o = st.off[i], out = st.out, v = st.view;
  v.setUint16(o, uint(l.srcPort, S.srcPort, 0xffff, i, l, "srcPort"));
  v.setUint16(o + 2, uint(l.dstPort, S.dstPort, 0xffff, i, l, "dstPort"));
  v.setUint32(
    o + 4,
    uint(l.verificationTag, S.verificationTag, 0xffffffff, i, l, "verificationTag"),
  );
  v.setUint32(o + 8, uint(l.checksum, 0, 0xffffffff, i, l, "checksum"));
  const chunks = l.chunks ?? NO_CHUNKS;
  let p = o + 12;
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k], data = c.data ?? EMPTY;
    out[p] = c.chunkType;
    out[p + 1] = uint(c.flags, 0, 0xff, i, l, `chunks[${k}].flags`);
    v.setUint16(p + 2, uint(c.length, 4 + data.length, 0xffff, i, l, `chunks[${k}].length`));
    out.set(data, p + 4);
    p += (4 + data.length + 3) & ~3;
  }
}

/** Reads a TCP header; what follows is raw. */
export function parseTcp(s: ParseState): void {
  need(s, 20, "tcp");
  const b = s.b, p = s.at;
  const word = u16(b, p + 12);
  const dataOffset = word >> 12;
  // A data offset below 5 words still takes the 20 fixed bytes (and no options), as scapy.
  const hl = dataOffset < 5 ? 20 : dataOffset * 4;
  need(s, hl, "tcp");
  const layer: TcpLayer = {
    type: "tcp",
    srcPort: u16(b, p),
    dstPort: u16(b, p + 2),
    seq: u32(b, p + 4),
    ack: u32(b, p + 8),
    dataOffset,
    reserved: (word >> 9) & 7,
    flags: word & 0x1ff,
    window: u16(b, p + 14),
    checksum: u16(b, p + 16),
    urgent: u16(b, p + 18),
    options: hl > 20 ? b.subarray(p + 20, p + hl) : EMPTY,
  };
  s.layers.push(layer);
  s.at = p + hl;
  s.next = NEXT_RAW;
}

/** Reads a UDP header; its length delimits the payload (the bytes after it are padding). */
export function parseUdp(s: ParseState): void {
  need(s, 8, "udp");
  const b = s.b, p = s.at;
  const length = u16(b, p + 4);
  const layer: UdpLayer = {
    type: "udp",
    srcPort: u16(b, p),
    dstPort: u16(b, p + 2),
    length,
    checksum: u16(b, p + 6),
  };
  s.layers.push(layer);
  s.at = p + 8;
  if (length >= 8) narrow(s, p + length);
  s.next = NEXT_RAW;
}

/** Reads an SCTP common header and its well-formed chunks; anything after them is raw. */
export function parseSctp(s: ParseState): void {
  need(s, 12, "sctp");
  const b = s.b, p = s.at, end = s.end;
  const chunks: SctpChunk[] = [];
  let at = p + 12;
  chunks: while (at + 4 <= end) {
    const length = u16(b, at + 2);
    const padded = (length + 3) & ~3;
    if (length < 4 || at + padded > end) break;
    for (let k = at + length; k < at + padded; k++) if (b[k] !== 0) break chunks;
    chunks.push({
      chunkType: b[at],
      flags: b[at + 1],
      length,
      data: b.subarray(at + 4, at + length),
    });
    at += padded;
  }
  const layer: SctpLayer = {
    type: "sctp",
    srcPort: u16(b, p),
    dstPort: u16(b, p + 2),
    verificationTag: u32(b, p + 4),
    checksum: u32(b, p + 8),
    chunks,
  };
  s.layers.push(layer);
  s.at = at;
  s.next = NEXT_RAW;
}
