// ICMP and ICMPv6, with the neighbor discovery messages and their options.
import { describe, ipv6Text, macText } from "../ofp/_addresses.ts";
import { DEFAULTS, EMPTY } from "./_defaults.ts";
import { bytes, ipv6, list, mac, tooLong, uint } from "./_field.ts";
import type { IcmpLayer, Icmpv6Layer, NdOption } from "./layers.ts";
import { type BuildState, need, NEXT_RAW, type ParseState, u16, u32 } from "./_state.ts";

const D4 = DEFAULTS.icmp, D6 = DEFAULTS.icmpv6;
const NO_OPTIONS: NdOption[] = [];

/** Writes an ICMP header (the checksum is filled later). */
export function writeIcmp(st: BuildState, i: number, l: IcmpLayer): void {
  const o = st.off[i], out = st.out, v = st.view;
  const t = uint(l.icmpType, D4.icmpType, 0xff, i, l, "icmpType");
  out[o] = t;
  out[o + 1] = uint(l.code, D4.code, 0xff, i, l, "code");
  v.setUint16(o + 2, uint(l.checksum, 0, 0xffff, i, l, "checksum"));
  if (t === 0 || t === 8) {
    v.setUint16(o + 4, uint(l.identifier, D4.identifier, 0xffff, i, l, "identifier"));
    v.setUint16(o + 6, uint(l.sequence, D4.sequence, 0xffff, i, l, "sequence"));
  } else {
    v.setUint32(o + 4, uint(l.rest, D4.rest, 0xffffffff, i, l, "rest"));
  }
}

/** Reads an ICMP header; what follows is raw. */
export function parseIcmp(s: ParseState): void {
  need(s, 8, "icmp");
  const b = s.b, p = s.at, t = b[p];
  const layer: IcmpLayer = t === 0 || t === 8
    ? {
      type: "icmp",
      icmpType: t,
      code: b[p + 1],
      checksum: u16(b, p + 2),
      identifier: u16(b, p + 4),
      sequence: u16(b, p + 6),
    }
    : { type: "icmp", icmpType: t, code: b[p + 1], checksum: u16(b, p + 2), rest: u32(b, p + 4) };
  s.layers.push(layer);
  s.at = p + 8;
  s.next = NEXT_RAW;
}

/** The fixed size of an ICMPv6 message of type `t`, before its options. */
function fixedSize(t: number): number {
  return t === 135 || t === 136 ? 24 : t === 134 ? 16 : 8;
}

/** Whether messages of type `t` carry neighbor discovery options. */
function hasOptions(t: number): boolean {
  return t >= 133 && t <= 136;
}

/** The size of one option: type, length and body, padded to 8-byte units. */
function optionSize(i: number, l: Icmpv6Layer, k: number, opt: NdOption): number {
  if (opt === null || typeof opt !== "object") {
    throw new TypeError(
      `Cannot build layer ${i} (icmpv6): expected options[${k}] as an object, got ${describe(opt)}`,
    );
  }
  uint(opt.optionType, undefined, 0xff, i, l, `options[${k}].optionType`);
  const body = opt.data !== undefined
    ? bytes(opt.data, EMPTY, i, l, `options[${k}].data`).length
    : 6;
  const size = (2 + body + 7) & ~7;
  if (size > 255 * 8) throw tooLong(i, l, `options[${k}]`, 255 * 8, size);
  return size;
}

/** The size of an ICMPv6 message header and its options. */
export function sizeIcmpv6(i: number, l: Icmpv6Layer): number {
  const t = uint(l.icmpType, D6.icmpType, 0xff, i, l, "icmpType");
  let size = fixedSize(t);
  if (hasOptions(t)) {
    const options = list<NdOption>(l.options, NO_OPTIONS, i, l, "options");
    for (let k = 0; k < options.length; k++) size += optionSize(i, l, k, options[k]);
  }
  return size;
}

/** Writes an ICMPv6 message header and its options (the checksum is filled later). */
export function writeIcmpv6(st: BuildState, i: number, l: Icmpv6Layer): void {
  const o = st.off[i], out = st.out, v = st.view;
  const t = l.icmpType ?? D6.icmpType;
  out[o] = t;
  out[o + 1] = uint(l.code, D6.code, 0xff, i, l, "code");
  v.setUint16(o + 2, uint(l.checksum, 0, 0xffff, i, l, "checksum"));
  if (t === 128 || t === 129) {
    v.setUint16(o + 4, uint(l.identifier, D6.identifier, 0xffff, i, l, "identifier"));
    v.setUint16(o + 6, uint(l.sequence, D6.sequence, 0xffff, i, l, "sequence"));
  } else if (t === 133 || t === 135) {
    v.setUint32(o + 4, uint(l.reserved, D6.reserved, 0xffffffff, i, l, "reserved"));
  } else if (t === 136) {
    out[o + 4] = uint(l.flags, D6.flags, 0xff, i, l, "flags");
    const reserved = uint(l.reserved, D6.reserved, 0xffffff, i, l, "reserved");
    out[o + 5] = reserved >>> 16;
    out[o + 6] = (reserved >>> 8) & 0xff;
    out[o + 7] = reserved & 0xff;
  } else if (t === 134) {
    out[o + 4] = uint(l.curHopLimit, D6.curHopLimit, 0xff, i, l, "curHopLimit");
    out[o + 5] = uint(l.flags, D6.flags, 0xff, i, l, "flags");
    v.setUint16(o + 6, uint(l.routerLifetime, D6.routerLifetime, 0xffff, i, l, "routerLifetime"));
    v.setUint32(o + 8, uint(l.reachableTime, D6.reachableTime, 0xffffffff, i, l, "reachableTime"));
    v.setUint32(o + 12, uint(l.retransTimer, D6.retransTimer, 0xffffffff, i, l, "retransTimer"));
  } else {
    v.setUint32(o + 4, uint(l.rest, D6.rest, 0xffffffff, i, l, "rest"));
  }
  if (t === 135 || t === 136) ipv6(l.target, D6.target, out, o + 8, i, l, "target");
  if (!hasOptions(t) || l.options === undefined) return;
  let p = o + fixedSize(t);
  for (let k = 0; k < l.options.length; k++) {
    const opt = l.options[k];
    const size = optionSize(i, l, k, opt);
    out[p] = opt.optionType;
    out[p + 1] = uint(opt.length, size >> 3, 0xff, i, l, `options[${k}].length`);
    if (opt.data !== undefined) out.set(opt.data, p + 2);
    else mac(opt.mac, undefined, out, p + 2, i, l, `options[${k}].mac`);
    p += size;
  }
}

/** Reads an ICMPv6 message header and, for neighbor discovery, its options. */
export function parseIcmpv6(s: ParseState): void {
  need(s, 8, "icmpv6");
  const b = s.b, p = s.at, t = b[p];
  const size = fixedSize(t);
  need(s, size, "icmpv6");
  const code = b[p + 1], checksum = u16(b, p + 2);
  let layer: Icmpv6Layer;
  if (t === 128 || t === 129) {
    layer = {
      type: "icmpv6",
      icmpType: t,
      code,
      checksum,
      identifier: u16(b, p + 4),
      sequence: u16(b, p + 6),
    };
  } else if (t === 133 || t === 135) {
    layer = { type: "icmpv6", icmpType: t, code, checksum, reserved: u32(b, p + 4) };
    if (t === 135) layer.target = ipv6Text(b, p + 8);
  } else if (t === 136) {
    layer = {
      type: "icmpv6",
      icmpType: t,
      code,
      checksum,
      flags: b[p + 4],
      reserved: (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7],
      target: ipv6Text(b, p + 8),
    };
  } else if (t === 134) {
    layer = {
      type: "icmpv6",
      icmpType: t,
      code,
      checksum,
      curHopLimit: b[p + 4],
      flags: b[p + 5],
      routerLifetime: u16(b, p + 6),
      reachableTime: u32(b, p + 8),
      retransTimer: u32(b, p + 12),
    };
  } else {
    layer = { type: "icmpv6", icmpType: t, code, checksum, rest: u32(b, p + 4) };
  }
  let at = p + size;
  if (hasOptions(t)) {
    // Options while they are well formed; anything after them is raw.
    const options: NdOption[] = [];
    while (at + 2 <= s.end) {
      const length = b[at + 1];
      if (length === 0 || at + length * 8 > s.end) break;
      const optionType = b[at];
      options.push(
        (optionType === 1 || optionType === 2) && length === 1
          ? { optionType, mac: macText(b, at + 2), length }
          : { optionType, data: b.subarray(at + 2, at + length * 8), length },
      );
      at += length * 8;
    }
    layer.options = options;
  }
  s.layers.push(layer);
  s.at = at;
  s.next = NEXT_RAW;
}
