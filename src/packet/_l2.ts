// Link-layer headers: Ethernet II / 802.3, LLC, 802.1Q and 802.1ad tags, MPLS label stack
// entries, and the 802.1ah I-TAG.
import { macText } from "../ofp/_addresses.ts";
import { DEFAULTS } from "./_defaults.ts";
import { bool, mac, uint } from "./_field.ts";
import type { EthernetLayer, ItagLayer, LlcLayer, MplsLayer, VlanLayer } from "./layers.ts";
import {
  type BuildState,
  narrow,
  need,
  NEXT_ETHERNET,
  NEXT_ETHERTYPE,
  NEXT_LLC,
  NEXT_MPLS_PAYLOAD,
  NEXT_RAW,
  type ParseState,
  u16,
} from "./_state.ts";

const ETH = DEFAULTS.ethernet, LLC = DEFAULTS.llc, TAG = DEFAULTS.vlan;
const MPLS = DEFAULTS.mpls, ITAG = DEFAULTS.itag;

/** Writes an Ethernet header; `type` is the computed type-or-length. */
export function writeEthernet(
  st: BuildState,
  i: number,
  l: EthernetLayer,
  type: number,
): void {
  const o = st.off[i], out = st.out;
  mac(l.dst, ETH.dst, out, o, i, l, "dst");
  mac(l.src, ETH.src, out, o + 6, i, l, "src");
  const t = uint(l.ethertype, type, 0xffff, i, l, "ethertype");
  out[o + 12] = t >> 8;
  out[o + 13] = t & 0xff;
}

/** Writes an LLC header. */
export function writeLlc(st: BuildState, i: number, l: LlcLayer): void {
  const o = st.off[i], out = st.out;
  out[o] = uint(l.dsap, LLC.dsap, 0xff, i, l, "dsap");
  out[o + 1] = uint(l.ssap, LLC.ssap, 0xff, i, l, "ssap");
  out[o + 2] = uint(l.control, LLC.control, 0xff, i, l, "control");
}

/** Writes a VLAN tag; `type` is the computed type-or-length. */
export function writeVlan(st: BuildState, i: number, l: VlanLayer, type: number): void {
  const o = st.off[i], out = st.out;
  const pcp = uint(l.pcp, TAG.pcp, 7, i, l, "pcp");
  const dei = bool(l.dei, TAG.dei, i, l, "dei") ? 1 : 0;
  const vid = uint(l.vid, TAG.vid, 0xfff, i, l, "vid");
  const t = uint(l.ethertype, type, 0xffff, i, l, "ethertype");
  out[o] = (pcp << 5) | (dei << 4) | (vid >> 8);
  out[o + 1] = vid & 0xff;
  out[o + 2] = t >> 8;
  out[o + 3] = t & 0xff;
}

/** Writes an MPLS label stack entry; `bos` is the computed bottom-of-stack bit. */
export function writeMpls(st: BuildState, i: number, l: MplsLayer, bos: boolean): void {
  const o = st.off[i], out = st.out;
  const label = uint(l.label, MPLS.label, 0xfffff, i, l, "label");
  const tc = uint(l.tc, MPLS.tc, 7, i, l, "tc");
  const s = bool(l.bos, bos, i, l, "bos") ? 1 : 0;
  out[o] = label >>> 12;
  out[o + 1] = (label >>> 4) & 0xff;
  out[o + 2] = ((label & 0xf) << 4) | (tc << 1) | s;
  out[o + 3] = uint(l.ttl, MPLS.ttl, 0xff, i, l, "ttl");
}

/** Writes an I-TAG. */
export function writeItag(st: BuildState, i: number, l: ItagLayer): void {
  const o = st.off[i], out = st.out;
  const pcp = uint(l.pcp, ITAG.pcp, 7, i, l, "pcp");
  const dei = bool(l.dei, ITAG.dei, i, l, "dei") ? 1 : 0;
  const uca = bool(l.uca, ITAG.uca, i, l, "uca") ? 1 : 0;
  const res = uint(l.reserved, ITAG.reserved, 7, i, l, "reserved");
  const isid = uint(l.isid, ITAG.isid, 0xffffff, i, l, "isid");
  out[o] = (pcp << 5) | (dei << 4) | (uca << 3) | res;
  out[o + 1] = isid >>> 16;
  out[o + 2] = (isid >>> 8) & 0xff;
  out[o + 3] = isid & 0xff;
}

/** After a type-or-length field: an 802.3 length delimits an LLC payload. */
function typeOrLength(s: ParseState, type: number): void {
  if (type <= 1500) {
    narrow(s, s.at + type);
    s.next = NEXT_LLC;
  } else {
    s.next = NEXT_ETHERTYPE;
    s.code = type;
  }
}

/** Reads an Ethernet header. */
export function parseEthernet(s: ParseState): void {
  need(s, 14, "ethernet");
  const b = s.b, p = s.at;
  const ethertype = u16(b, p + 12);
  const layer: EthernetLayer = {
    type: "ethernet",
    dst: macText(b, p),
    src: macText(b, p + 6),
    ethertype,
  };
  s.layers.push(layer);
  s.at = p + 14;
  typeOrLength(s, ethertype);
}

/** Reads an LLC header, or leaves fewer than 3 bytes raw. */
export function parseLlc(s: ParseState): void {
  const b = s.b, p = s.at;
  if (s.end - p < 3) {
    s.next = NEXT_RAW;
    return;
  }
  const layer: LlcLayer = { type: "llc", dsap: b[p], ssap: b[p + 1], control: b[p + 2] };
  s.layers.push(layer);
  s.at = p + 3;
  s.next = NEXT_RAW;
}

/** Reads an 802.1Q (`vlan`) or 802.1ad (`svlan`) tag. */
export function parseVlan(s: ParseState, type: "vlan" | "svlan"): void {
  need(s, 4, type);
  const b = s.b, p = s.at;
  const ethertype = u16(b, p + 2);
  const layer: VlanLayer = {
    type,
    pcp: b[p] >> 5,
    dei: (b[p] & 0x10) !== 0,
    vid: u16(b, p) & 0xfff,
    ethertype,
  };
  s.layers.push(layer);
  s.at = p + 4;
  typeOrLength(s, ethertype);
}

/** Reads an MPLS label stack entry. */
export function parseMpls(s: ParseState): void {
  need(s, 4, "mpls");
  const b = s.b, p = s.at;
  const bos = (b[p + 2] & 1) === 1;
  const layer: MplsLayer = {
    type: "mpls",
    label: (b[p] << 12) | (b[p + 1] << 4) | (b[p + 2] >> 4),
    tc: (b[p + 2] >> 1) & 7,
    bos,
    ttl: b[p + 3],
  };
  s.layers.push(layer);
  s.at = p + 4;
  if (bos) {
    s.next = NEXT_MPLS_PAYLOAD;
  } else {
    s.next = NEXT_ETHERTYPE;
    s.code = 0x8847;
  }
}

/** Reads an I-TAG; the customer's Ethernet header follows. */
export function parseItag(s: ParseState): void {
  need(s, 4, "itag");
  const b = s.b, p = s.at;
  const layer: ItagLayer = {
    type: "itag",
    pcp: b[p] >> 5,
    dei: (b[p] & 0x10) !== 0,
    uca: (b[p] & 0x08) !== 0,
    reserved: b[p] & 7,
    isid: (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3],
  };
  s.layers.push(layer);
  s.at = p + 4;
  s.next = NEXT_ETHERNET;
}
