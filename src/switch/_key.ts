// The lookup key: every match field of a frame as 32-bit words in fixed slots, read straight
// from the bytes (no objects), so that a flow-table lookup compares words. Header rewrites go
// through the packet library; only this read-only extraction is hand-written, for speed
// (measured in bench/switch_bench.ts against `parse`).

/** Slot of each key word. Multi-word fields are big-endian: the high word first. */
export const S = {
  IN_PORT: 0,
  IN_PHY_PORT: 1,
  METADATA: 2, // 2 words
  ETH_DST: 4, // hi 16 bits, lo 32 bits
  ETH_SRC: 6,
  ETH_TYPE: 8,
  VLAN_VID: 9, // OFPVID_PRESENT | vid, or 0 without a tag
  VLAN_PCP: 10,
  IP_DSCP: 11,
  IP_ECN: 12,
  IP_PROTO: 13,
  IPV4_SRC: 14,
  IPV4_DST: 15,
  TCP_SRC: 16,
  TCP_DST: 17,
  UDP_SRC: 18,
  UDP_DST: 19,
  SCTP_SRC: 20,
  SCTP_DST: 21,
  ICMPV4_TYPE: 22,
  ICMPV4_CODE: 23,
  ARP_OP: 24,
  ARP_SPA: 25,
  ARP_TPA: 26,
  ARP_SHA: 27, // 2 words
  ARP_THA: 29, // 2 words
  IPV6_SRC: 31, // 4 words
  IPV6_DST: 35, // 4 words
  IPV6_FLABEL: 39,
  ICMPV6_TYPE: 40,
  ICMPV6_CODE: 41,
  IPV6_ND_TARGET: 42, // 4 words
  IPV6_ND_SLL: 46, // 2 words
  IPV6_ND_TLL: 48, // 2 words
  MPLS_LABEL: 50,
  MPLS_TC: 51,
  MPLS_BOS: 52,
  PBB_ISID: 53,
  TUNNEL_ID: 54, // 2 words
  IPV6_EXTHDR: 56,
  // OpenFlow 1.0's views, whose meaning depends on the frame: nw_proto is the IP protocol or
  // the ARP opcode's low byte, nw_src/dst the IPv4 or ARP addresses, tp_src/dst the TCP/UDP
  // ports or the ICMP type and code; nw_tos the whole ToS byte without ECN.
  NW_TOS10: 57,
  NW_PROTO10: 58,
  NW_SRC10: 59,
  NW_DST10: 60,
  TP_SRC10: 61,
  TP_DST10: 62,
} as const;

/** Words in a key. */
export const KEY_WORDS = 63;

/** A fresh zeroed key. */
export function newKey(): Int32Array {
  return new Int32Array(KEY_WORDS);
}

/** IPv6 extension-header bits (`OFPIEH`). */
const EH = {
  NONEXT: 1,
  ESP: 2,
  AUTH: 4,
  DEST: 8,
  FRAG: 16,
  ROUTER: 32,
  HOP: 64,
  UNREP: 128,
  UNSEQ: 256,
} as const;

const u16 = (b: Uint8Array, p: number) => (b[p] << 8) | b[p + 1];
const u32 = (b: Uint8Array, p: number) =>
  (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];

/**
 * Fills every frame slot of `key` from an Ethernet frame; the pipeline slots (in_port,
 * in_phy_port, metadata, tunnel_id) are left as they are. Fields a frame does not carry are 0;
 * truncated headers leave their fields 0.
 *
 * @returns The offset of the transport header (TCP, UDP, SCTP, ICMP over IPv4, ICMPv6 over
 *   IPv6) whose fields the key holds, or -1 when it holds none.
 */
export function extractKey(b: Uint8Array, key: Int32Array): number {
  const inPort = key[S.IN_PORT], inPhy = key[S.IN_PHY_PORT];
  const m0 = key[S.METADATA], m1 = key[S.METADATA + 1];
  const t0 = key[S.TUNNEL_ID], t1 = key[S.TUNNEL_ID + 1];
  key.fill(0);
  key[S.IN_PORT] = inPort;
  key[S.IN_PHY_PORT] = inPhy;
  key[S.METADATA] = m0;
  key[S.METADATA + 1] = m1;
  key[S.TUNNEL_ID] = t0;
  key[S.TUNNEL_ID + 1] = t1;
  const len = b.length;
  if (len < 14) return -1;
  key[S.ETH_DST] = u16(b, 0);
  key[S.ETH_DST + 1] = u32(b, 2);
  key[S.ETH_SRC] = u16(b, 6);
  key[S.ETH_SRC + 1] = u32(b, 8);
  let type = u16(b, 12);
  let p = 14;
  if ((type === 0x8100 || type === 0x88a8) && p + 4 <= len) {
    const tci = u16(b, p);
    key[S.VLAN_VID] = 0x1000 | (tci & 0xfff);
    key[S.VLAN_PCP] = tci >>> 13;
    type = u16(b, p + 2);
    p += 4;
    while ((type === 0x8100 || type === 0x88a8) && p + 4 <= len) {
      type = u16(b, p + 2);
      p += 4;
    }
  }
  if (type < 0x0600) {
    // 802.3: an LLC/SNAP header with a zero OUI carries an Ethertype; otherwise 0x05ff.
    if (
      p + 8 <= len && b[p] === 0xaa && b[p + 1] === 0xaa && b[p + 2] === 0x03 &&
      b[p + 3] === 0 && b[p + 4] === 0 && b[p + 5] === 0
    ) {
      type = u16(b, p + 6);
      p += 8;
    } else {
      type = 0x05ff;
    }
  }
  key[S.ETH_TYPE] = type;
  switch (type) {
    case 0x0800:
      return ipv4(b, p, len, key);
    case 0x86dd:
      return ipv6(b, p, len, key);
    case 0x0806:
      if (
        p + 28 <= len && u16(b, p) === 1 && u16(b, p + 2) === 0x0800 && b[p + 4] === 6 &&
        b[p + 5] === 4
      ) {
        const op = u16(b, p + 6);
        key[S.ARP_OP] = op;
        key[S.ARP_SHA] = u16(b, p + 8);
        key[S.ARP_SHA + 1] = u32(b, p + 10);
        key[S.ARP_SPA] = u32(b, p + 14);
        key[S.ARP_THA] = u16(b, p + 18);
        key[S.ARP_THA + 1] = u32(b, p + 20);
        key[S.ARP_TPA] = u32(b, p + 24);
        key[S.NW_PROTO10] = op & 0xff;
        key[S.NW_SRC10] = key[S.ARP_SPA];
        key[S.NW_DST10] = key[S.ARP_TPA];
      }
      return -1;
    case 0x8847:
    case 0x8848:
      if (p + 4 <= len) {
        const lse = u32(b, p);
        key[S.MPLS_LABEL] = lse >>> 12;
        key[S.MPLS_TC] = (lse >>> 9) & 7;
        key[S.MPLS_BOS] = (lse >>> 8) & 1;
      }
      return -1;
    case 0x88e7:
      if (p + 4 <= len) key[S.PBB_ISID] = u32(b, p) & 0xffffff;
      return -1;
  }
  return -1;
}

function ipv4(b: Uint8Array, p: number, len: number, key: Int32Array): number {
  if (p + 20 > len) return -1;
  const ihl = (b[p] & 0x0f) * 4;
  const tos = b[p + 1];
  const proto = b[p + 9];
  key[S.IP_DSCP] = tos >>> 2;
  key[S.IP_ECN] = tos & 3;
  key[S.IP_PROTO] = proto;
  key[S.IPV4_SRC] = u32(b, p + 12);
  key[S.IPV4_DST] = u32(b, p + 16);
  key[S.NW_TOS10] = tos & 0xfc;
  key[S.NW_PROTO10] = proto;
  key[S.NW_SRC10] = key[S.IPV4_SRC];
  key[S.NW_DST10] = key[S.IPV4_DST];
  // Later fragments carry no transport header.
  if ((u16(b, p + 6) & 0x1fff) !== 0 || ihl < 20) return -1;
  return l4(b, p + ihl, len, proto, key, false);
}

/** Reads the transport fields at `p`; returns `p`, or -1 for no transport header read. */
function l4(
  b: Uint8Array,
  p: number,
  len: number,
  proto: number,
  key: Int32Array,
  v6: boolean,
): number {
  switch (proto) {
    case 6:
      if (p + 4 > len) return -1;
      key[S.TCP_SRC] = u16(b, p);
      key[S.TCP_DST] = u16(b, p + 2);
      break;
    case 17:
      if (p + 4 > len) return -1;
      key[S.UDP_SRC] = u16(b, p);
      key[S.UDP_DST] = u16(b, p + 2);
      break;
    case 132:
      if (p + 4 > len) return -1;
      key[S.SCTP_SRC] = u16(b, p);
      key[S.SCTP_DST] = u16(b, p + 2);
      break;
    case 1:
      if (v6 || p + 2 > len) return -1;
      key[S.ICMPV4_TYPE] = b[p];
      key[S.ICMPV4_CODE] = b[p + 1];
      key[S.TP_SRC10] = b[p];
      key[S.TP_DST10] = b[p + 1];
      return p;
    case 58:
      if (!v6 || p + 4 > len) return -1;
      key[S.ICMPV6_TYPE] = b[p];
      key[S.ICMPV6_CODE] = b[p + 1];
      if ((b[p] === 135 || b[p] === 136) && b[p + 1] === 0 && p + 24 <= len) nd(b, p, len, key);
      return p;
    default:
      return -1;
  }
  if (!v6) {
    key[S.TP_SRC10] = u16(b, p);
    key[S.TP_DST10] = u16(b, p + 2);
  }
  return p;
}

/** Neighbor discovery: the target, and the source (NS) or target (NA) link-layer option. */
function nd(b: Uint8Array, p: number, len: number, key: Int32Array): void {
  for (let i = 0; i < 4; i++) key[S.IPV6_ND_TARGET + i] = u32(b, p + 8 + 4 * i);
  const want = b[p] === 135 ? 1 : 2;
  const slot = want === 1 ? S.IPV6_ND_SLL : S.IPV6_ND_TLL;
  for (let o = p + 24; o + 8 <= len;) {
    const optLen = b[o + 1] * 8;
    if (optLen === 0) return;
    if (b[o] === want && optLen === 8) {
      key[slot] = u16(b, o + 2);
      key[slot + 1] = u32(b, o + 4);
      return;
    }
    o += optLen;
  }
}

function ipv6(b: Uint8Array, p: number, len: number, key: Int32Array): number {
  if (p + 40 > len) return -1;
  const tc = ((b[p] & 0x0f) << 4) | (b[p + 1] >>> 4);
  key[S.IP_DSCP] = tc >>> 2;
  key[S.IP_ECN] = tc & 3;
  key[S.IPV6_FLABEL] = ((b[p + 1] & 0x0f) << 16) | u16(b, p + 2);
  for (let i = 0; i < 4; i++) {
    key[S.IPV6_SRC + i] = u32(b, p + 8 + 4 * i);
    key[S.IPV6_DST + i] = u32(b, p + 24 + 4 * i);
  }
  let next = b[p + 6];
  p += 40;
  // Walk the extension headers in the order RFC 8200 recommends, noting repeats and
  // out-of-order headers (OpenFlow 1.3 §7.2.3.8).
  let bits = 0, rank = 0, later = true;
  const seen = new Uint8Array(8);
  const note = (bit: number, r: number, slot: number, allowed: number) => {
    if (seen[slot]++ >= allowed) bits |= EH.UNREP;
    if (r < rank) bits |= EH.UNSEQ;
    rank = r;
    bits |= bit;
  };
  for (;;) {
    if (next === 0) {
      note(EH.HOP, 0, 0, 1);
    } else if (next === 60) {
      note(EH.DEST, seen[3] === 0 && seen[2] === 0 && rank <= 1 ? 1 : 6, 1, 2);
    } else if (next === 43) note(EH.ROUTER, 2, 2, 1);
    else if (next === 44) note(EH.FRAG, 3, 3, 1);
    else if (next === 51) note(EH.AUTH, 4, 4, 1);
    else if (next === 50) {
      note(EH.ESP, 5, 5, 1);
      later = false; // encrypted: nothing more to read
      break;
    } else if (next === 59) {
      bits |= EH.NONEXT;
      later = false;
      break;
    } else break;
    if (p + 8 > len) {
      later = false;
      break;
    }
    const nh = b[p];
    let size: number;
    if (next === 44) {
      size = 8;
      if ((u16(b, p + 2) & 0xfff8) !== 0) later = false; // not the first fragment
    } else if (next === 51) size = (b[p + 1] + 2) * 4;
    else size = (b[p + 1] + 1) * 8;
    next = nh;
    p += size;
    if (!later) break;
  }
  key[S.IPV6_EXTHDR] = bits;
  key[S.IP_PROTO] = next;
  return later ? l4(b, p, len, next, key, true) : -1;
}
