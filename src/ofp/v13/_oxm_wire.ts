// The wire form of OpenFlow 1.3 matches and OXM TLVs: decoding and encoding, for the codec.
import {
  describe,
  ipv4Text,
  ipv6Text,
  macText,
  parseIpv4,
  parseIpv6,
  parseMac,
} from "../_addresses.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPXMC, OXM_FIELDS } from "./oxm_fields.ts";
import type { Of13Match, OxmFieldName, OxmNumberTlv, OxmTlv } from "./oxm_types.ts";

// Value kinds as small integers, in arrays indexed by field number: the decode loop does
// no string-keyed lookups.
const K_U8 = 0, K_U16 = 1, K_U24 = 2, K_U32 = 3, K_U64 = 4, K_MAC = 5, K_IPV4 = 6, K_IPV6 = 7;
const FIELD_COUNT = OXM_FIELDS.length;
const NAMES: readonly OxmFieldName[] = OXM_FIELDS.map((f) => f.name);
const WIDTHS: Uint8Array = Uint8Array.from(OXM_FIELDS, (f) => f.width);
const KINDS: Uint8Array = Uint8Array.from(OXM_FIELDS, (f) => {
  switch (f.kind) {
    case "bigint":
      return K_U64;
    case "mac":
      return K_MAC;
    case "ipv4":
      return K_IPV4;
    case "ipv6":
      return K_IPV6;
    default:
      return f.width === 1 ? K_U8 : f.width === 2 ? K_U16 : f.width === 3 ? K_U24 : K_U32;
  }
});
const NUMBER_BY_NAME: ReadonlyMap<string, number> = new Map(NAMES.map((n, i) => [n, i]));
const MAX_BY_WIDTH = [0, 0xff, 0xffff, 0xffffff, 0xffffffff];

/** Reads a value of `kind` at absolute offset `p` (bounds already checked). */
function readValue(r: Reader, kind: number, p: number): number | bigint | string {
  const b = r.bytes;
  switch (kind) {
    case K_U8:
      return b[p];
    case K_U16:
      return (b[p] << 8) | b[p + 1];
    case K_U24:
      return (b[p] << 16) | (b[p + 1] << 8) | b[p + 2];
    case K_U32:
      return r.view.getUint32(p);
    case K_U64:
      return r.view.getBigUint64(p);
    case K_MAC:
      return macText(b, p);
    case K_IPV4:
      return ipv4Text(b, p);
    default:
      return ipv6Text(b, p);
  }
}

/**
 * Decodes one OXM TLV whose bytes must end by `end` (an absolute offset no further than
 * `r.end`), for a TLV nested in a structure of known size (SET_FIELD). Leaves `r.pos`
 * after the TLV.
 *
 * @internal
 * @param r Reader at the TLV's 4-byte header.
 * @param end Absolute offset the TLV must not pass.
 * @param path Field path for errors.
 * @returns The TLV.
 * @throws {OfpDecodeError} As {@linkcode decodeOxm}.
 */
export function decodeOxmIn(r: Reader, end: number, path: string): OxmTlv {
  const at = r.pos;
  if (at + 4 > end) {
    r.fail(`OXM header needs 4 bytes, ${end - at} remain`, path + ".oxm_header", at);
  }
  const header = r.view.getUint32(at);
  const length = header & 0xff;
  const p = at + 4;
  if (p + length > end) {
    r.fail(
      `OXM payload of ${length} bytes runs past the enclosing match or action (${
        end - p
      } bytes remain)`,
      path + ".oxm_length",
      at + 3,
    );
  }
  r.pos = p + length;
  const oxmClass = header >>> 16;
  const oxmField = (header >>> 9) & 0x7f;
  const hasMask = (header & 0x100) !== 0;
  if (oxmClass === 0x8000 && oxmField < FIELD_COUNT) {
    const width = WIDTHS[oxmField];
    if (length !== (hasMask ? width << 1 : width)) {
      r.fail(
        `OXM ${NAMES[oxmField]}${hasMask ? " (masked)" : ""} payload is ${length} bytes, expected ${
          hasMask ? width << 1 : width
        }`,
        path + ".oxm_length",
        at + 3,
      );
    }
    const kind = KINDS[oxmField];
    if (!hasMask) return { field: NAMES[oxmField], value: readValue(r, kind, p) } as OxmTlv;
    return {
      field: NAMES[oxmField],
      value: readValue(r, kind, p),
      mask: readValue(r, kind, p + width),
    } as OxmTlv;
  }
  // An experimenter OXM too short for its id is kept whole, as an unknown TLV.
  if (oxmClass === 0xffff && length >= 4) {
    return {
      field: "EXPERIMENTER",
      experimenter: r.view.getUint32(p),
      oxmField,
      hasMask,
      data: r.bytes.subarray(p + 4, p + length),
    };
  }
  return {
    field: "UNKNOWN",
    oxmClass,
    oxmField,
    hasMask,
    value: r.bytes.subarray(p, p + length),
  };
}

/**
 * Decodes one OXM TLV (as SET_FIELD carries it), bounded by the reader's end.
 *
 * @param r Reader at the TLV's 4-byte header.
 * @param path Field path for errors.
 * @returns The TLV; `r` is left after it.
 * @throws {OfpDecodeError} If the TLV runs past the reader's end or a basic field's payload
 * is not its width (twice its width when masked).
 */
export function decodeOxm(r: Reader, path: string): OxmTlv {
  return decodeOxmIn(r, r.end, path);
}

/** Writes a numeric value of `width` bytes after checking it fits. */
function writeNumber(w: Writer, v: unknown, width: number, what: string, path: string): void {
  if (typeof v !== "number" || !(v >= 0 && v <= MAX_BY_WIDTH[width]) || v % 1 !== 0) {
    throw new OfpEncodeError(
      `Expected ${what} to be an unsigned ${width * 8}-bit integer, got ${describe(v)}`,
      path,
    );
  }
  w.ensure(width);
  const buf = w.buf, p = w.pos;
  switch (width) {
    case 1:
      buf[p] = v;
      break;
    case 2:
      buf[p] = v >>> 8;
      buf[p + 1] = v & 0xff;
      break;
    case 3:
      buf[p] = v >>> 16;
      buf[p + 1] = (v >>> 8) & 0xff;
      buf[p + 2] = v & 0xff;
      break;
    default:
      w.view.setUint32(p, v);
  }
  w.pos = p + width;
}

/** Writes the value (or mask) of basic field `number`, checking its form and width. */
function writeValue(w: Writer, number: number, v: unknown, isMask: boolean, path: string): void {
  const kind = KINDS[number];
  switch (kind) {
    case K_U8:
    case K_U16:
    case K_U24:
    case K_U32:
      return writeNumber(w, v, WIDTHS[number], what(number, isMask), path);
    case K_U64:
      if (typeof v !== "bigint" || v < 0n || v > 0xffff_ffff_ffff_ffffn) {
        throw new OfpEncodeError(
          `Expected ${what(number, isMask)} to be an unsigned 64-bit bigint, got ${describe(v)}`,
          path,
        );
      }
      w.ensure(8);
      w.view.setBigUint64(w.pos, v);
      w.pos += 8;
      return;
    case K_MAC:
      w.ensure(6);
      if (!parseMac(v as string, w.buf, w.pos)) {
        throw new OfpEncodeError(
          `Expected ${what(number, isMask)} to be an Ethernet address like 00:1b:21:3c:4d:5e, got ${
            describe(v)
          }`,
          path,
        );
      }
      w.pos += 6;
      return;
    case K_IPV4: {
      const ip = parseIpv4(v as string);
      if (ip < 0) {
        throw new OfpEncodeError(
          `Expected ${what(number, isMask)} to be an IPv4 address like 10.0.0.1, got ${
            describe(v)
          }`,
          path,
        );
      }
      w.ensure(4);
      w.view.setUint32(w.pos, ip);
      w.pos += 4;
      return;
    }
    default:
      w.ensure(16);
      if (!parseIpv6(v as string, w.buf, w.pos)) {
        throw new OfpEncodeError(
          `Expected ${what(number, isMask)} to be an IPv6 address like 2001:db8::1, got ${
            describe(v)
          }`,
          path,
        );
      }
      w.pos += 16;
  }
}

/** Names a value in error messages: "OXM eth_dst mask". */
function what(number: number, isMask: boolean): string {
  return `OXM ${NAMES[number]} ${isMask ? "mask" : "value"}`;
}

/** Checks a raw header part (class, field number, experimenter id) fits its bits. */
function checkBits(v: unknown, bits: number, what: string, path: string): void {
  if (typeof v !== "number" || !(v >= 0 && v < 2 ** bits) || v % 1 !== 0) {
    throw new OfpEncodeError(
      `Expected ${what} to be an unsigned ${bits}-bit integer, got ${describe(v)}`,
      path,
    );
  }
}

/** Checks a raw payload is a Uint8Array that fits the 8-bit OXM length. */
function checkBytes(v: unknown, max: number, what: string, path: string): Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new OfpEncodeError(`Expected ${what} to be a Uint8Array, got ${describe(v)}`, path);
  }
  if (v.length > max) {
    throw new OfpEncodeError(`${what} is ${v.length} bytes, the OXM length allows ${max}`, path);
  }
  return v;
}

/**
 * Encodes one OXM TLV. A basic field is masked when `mask` is present (even when the spec
 * does not allow a mask for it: tests send such matches on purpose).
 *
 * @param w Writer.
 * @param tlv The TLV.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} On an unknown field name, a value or mask of the wrong form or
 * width, or a raw payload over 255 bytes.
 */
export function encodeOxm(w: Writer, tlv: OxmTlv, path: string): void {
  if (tlv === null || typeof tlv !== "object") {
    throw new OfpEncodeError(`Expected an OXM TLV object, got ${describe(tlv)}`, path);
  }
  const field = tlv.field;
  const number = NUMBER_BY_NAME.get(field);
  if (number !== undefined) {
    const hasMask = (tlv as OxmNumberTlv).mask !== undefined;
    const width = WIDTHS[number];
    w.u32(
      (0x8000_0000 | (number << 9) | (hasMask ? 0x100 | (width << 1) : width)) >>> 0,
      path,
    );
    writeValue(w, number, (tlv as OxmNumberTlv).value, false, path);
    if (hasMask) writeValue(w, number, (tlv as OxmNumberTlv).mask, true, path);
    return;
  }
  if (field === "UNKNOWN") {
    checkBits(tlv.oxmClass, 16, "OXM oxmClass", path);
    checkBits(tlv.oxmField, 7, "OXM oxmField", path);
    const value = checkBytes(tlv.value, 255, "OXM value", path);
    w.u32(
      ((tlv.oxmClass << 16) | (tlv.oxmField << 9) | (tlv.hasMask ? 0x100 : 0) | value.length) >>>
        0,
      path,
    );
    w.bytes(value, path);
    return;
  }
  if (field === "EXPERIMENTER") {
    checkBits(tlv.oxmField, 7, "OXM oxmField", path);
    checkBits(tlv.experimenter, 32, "OXM experimenter", path);
    const data = checkBytes(tlv.data, 251, "OXM experimenter data", path);
    w.u32(
      ((OFPXMC.EXPERIMENTER << 16) | (tlv.oxmField << 9) | (tlv.hasMask ? 0x100 : 0) |
        (data.length + 4)) >>> 0,
      path,
    );
    w.u32(tlv.experimenter, path);
    w.bytes(data, path);
    return;
  }
  throw new OfpEncodeError(`Unknown OXM field ${describe(field)}`, path);
}

/**
 * Decodes `ofp_match`: type (must be OFPMT_OXM, 1), length, the OXM TLVs, then padding to a
 * multiple of 8 bytes (which must be present; its content is ignored).
 *
 * @param r Reader at the match.
 * @param path Field path for errors, e.g. `"flow_mod.match"`.
 * @returns The TLVs in wire order; `r` is left after the padding.
 * @throws {OfpDecodeError} On a type other than OXM, a length below 4 or running past the
 * reader's end, or a malformed TLV.
 */
export function decodeMatch(r: Reader, path: string): Of13Match {
  const at = r.pos;
  if (at + 4 > r.end) {
    r.fail(`Match header needs 4 bytes, ${r.end - at} remain`, path + ".length", at);
  }
  const type = r.view.getUint16(at);
  const length = r.view.getUint16(at + 2);
  if (type !== 1) r.fail(`Match type is ${type}, expected OFPMT_OXM (1)`, path + ".type", at);
  if (length < 4) {
    r.fail(`Match length ${length} is below its 4-byte header`, path + ".length", at + 2);
  }
  const padded = (length + 7) & ~7;
  if (at + padded > r.end) {
    r.fail(
      `Match of ${length} bytes (${padded} with padding) runs past its message (${
        r.end - at
      } bytes remain)`,
      path + ".length",
      at + 2,
    );
  }
  const end = at + length;
  const fields: OxmTlv[] = [];
  r.pos = at + 4;
  while (r.pos < end) fields.push(decodeOxmIn(r, end, path));
  r.pos = at + padded;
  return fields;
}

/**
 * Encodes `ofp_match`: header, TLVs in array order, zero padding to 8 bytes.
 *
 * @param w Writer.
 * @param match The TLVs.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `match` is not an array, on a bad TLV, or if the match exceeds
 * 65535 bytes.
 */
export function encodeMatch(w: Writer, match: Of13Match, path: string): void {
  if (!Array.isArray(match)) {
    throw new OfpEncodeError(
      `Expected a match (an array of OXM TLVs), got ${describe(match)}`,
      path,
    );
  }
  const start = w.pos;
  w.ensure(4);
  w.view.setUint32(start, 0x0001_0000); // OFPMT_OXM, length patched below
  w.pos = start + 4;
  for (let i = 0; i < match.length; i++) encodeOxm(w, match[i], path);
  w.patchLength16(start + 2, start, path);
  w.align(start, 8);
}
