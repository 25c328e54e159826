// The wire form of the OpenFlow 1.0 match: decoding and encoding, for the codec.
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { ipv4Text, macText, writeIpv4, writeMac } from "../_addresses.ts";
import { OFP_MATCH_LEN } from "./match.ts";
import type { Of10Match } from "./types.ts";

/**
 * Reads the 40-byte `ofp_match` (hot: every flow-mod, flow-removed and flow-stats entry).
 * @internal
 */
export function decodeMatch10(r: Reader, path: string): Of10Match {
  if (r.pos + OFP_MATCH_LEN > r.end) r.need(OFP_MATCH_LEN, path);
  const v = r.view, b = r.bytes, p = r.pos;
  r.pos = p + OFP_MATCH_LEN;
  const wildcards = v.getUint32(p);
  const inPort = v.getUint16(p + 4);
  const dlSrc = macText(b, p + 6);
  const dlDst = macText(b, p + 12);
  const dlVlan = v.getUint16(p + 18);
  const dlVlanPcp = b[p + 20];
  const dlType = v.getUint16(p + 22);
  const nwTos = b[p + 24];
  const nwProto = b[p + 25];
  const nwSrc = ipv4Text(b, p + 28);
  const nwDst = ipv4Text(b, p + 32);
  const tpSrc = v.getUint16(p + 36);
  const tpDst = v.getUint16(p + 38);
  return {
    wildcards,
    inPort,
    dlSrc,
    dlDst,
    dlVlan,
    dlVlanPcp,
    dlType,
    nwTos,
    nwProto,
    nwSrc,
    nwDst,
    tpSrc,
    tpDst,
  };
}

/**
 * Writes the 40-byte `ofp_match`; every field is written, wildcarded or not.
 * @internal
 */
export function encodeMatch10(w: Writer, m: Of10Match, path: string): void {
  if (m === null || typeof m !== "object") {
    throw new OfpEncodeError(
      `Expected a match object, got ${m === null ? "null" : typeof m}`,
      path,
    );
  }
  w.u32(m.wildcards, path);
  w.u16(m.inPort, path);
  writeMac(w, m.dlSrc, path);
  writeMac(w, m.dlDst, path);
  w.u16(m.dlVlan, path);
  w.u8(m.dlVlanPcp, path);
  w.zeros(1);
  w.u16(m.dlType, path);
  w.u8(m.nwTos, path);
  w.u8(m.nwProto, path);
  w.zeros(2);
  writeIpv4(w, m.nwSrc, path);
  writeIpv4(w, m.nwDst, path);
  w.u16(m.tpSrc, path);
  w.u16(m.tpDst, path);
}
