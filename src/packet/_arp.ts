// ARP: the 8-byte fixed part, then sender and target hardware and protocol addresses.
import { ipv4Text, macText } from "../ofp/_addresses.ts";
import { DEFAULTS } from "./_defaults.ts";
import { bytes, ipv4, mac, uint } from "./_field.ts";
import type { ArpLayer } from "./layers.ts";
import { type BuildState, narrow, need, NEXT_RAW, type ParseState, u16 } from "./_state.ts";

const D = DEFAULTS.arp;

/** The size of an ARP layer, checking that its addresses can be written. */
export function sizeArp(i: number, l: ArpLayer): number {
  if (l.addresses !== undefined) {
    return 8 + bytes(l.addresses, l.addresses, i, l, "addresses").length;
  }
  const hl = l.hwLen ?? D.hwLen, pl = l.protoLen ?? D.protoLen;
  if (hl !== 6 || pl !== 4) {
    throw new TypeError(
      `Cannot build layer ${i} (arp): expected addresses as bytes when hwLen and protoLen ` +
        `are not 6 and 4, got hwLen ${hl} and protoLen ${pl} without addresses`,
    );
  }
  return 28;
}

/** Writes an ARP layer. */
export function writeArp(st: BuildState, i: number, l: ArpLayer): void {
  const o = st.off[i], out = st.out, v = st.view;
  v.setUint16(o, uint(l.hwType, D.hwType, 0xffff, i, l, "hwType"));
  v.setUint16(o + 2, uint(l.protoType, D.protoType, 0xffff, i, l, "protoType"));
  out[o + 4] = uint(l.hwLen, D.hwLen, 0xff, i, l, "hwLen");
  out[o + 5] = uint(l.protoLen, D.protoLen, 0xff, i, l, "protoLen");
  v.setUint16(o + 6, uint(l.opcode, D.opcode, 0xffff, i, l, "opcode"));
  if (l.addresses !== undefined) {
    out.set(l.addresses, o + 8);
    return;
  }
  mac(l.srcMac, D.srcMac, out, o + 8, i, l, "srcMac");
  ipv4(l.srcIp, D.srcIp, out, o + 14, i, l, "srcIp");
  mac(l.dstMac, D.dstMac, out, o + 18, i, l, "dstMac");
  ipv4(l.dstIp, D.dstIp, out, o + 24, i, l, "dstIp");
}

/** Reads an ARP layer; what follows it is padding. */
export function parseArp(s: ParseState): void {
  need(s, 8, "arp");
  const b = s.b, p = s.at;
  const hwLen = b[p + 4], protoLen = b[p + 5];
  const size = 8 + 2 * (hwLen + protoLen);
  need(s, size, "arp");
  const hwType = u16(b, p), protoType = u16(b, p + 2), opcode = u16(b, p + 6);
  const layer: ArpLayer = hwLen === 6 && protoLen === 4
    ? {
      type: "arp",
      hwType,
      protoType,
      hwLen,
      protoLen,
      opcode,
      srcMac: macText(b, p + 8),
      srcIp: ipv4Text(b, p + 14),
      dstMac: macText(b, p + 18),
      dstIp: ipv4Text(b, p + 24),
    }
    : {
      type: "arp",
      hwType,
      protoType,
      hwLen,
      protoLen,
      opcode,
      addresses: b.subarray(p + 8, p + size),
    };
  s.layers.push(layer);
  s.at = p + size;
  narrow(s, s.at);
  s.next = NEXT_RAW;
}
