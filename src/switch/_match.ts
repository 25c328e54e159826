// A flow's match as masked key words, compiled (and validated) from an OpenFlow 1.3 OXM match
// or an OpenFlow 1.0 `ofp_match`.
import { of10, of13 } from "../ofp/mod.ts";
import type { Of10Match, Of13Match, OxmFieldName } from "../ofp/mod.ts";
import { basicField, fullMask, LAYOUT, PREREQ, toWords } from "./_fields.ts";
import { S } from "./_key.ts";
import { refuse } from "./_refusal.ts";

/** The masked words of a match, sorted by slot; words with a zero mask are left out. */
export class FlowMatch {
  /** Slots compared. */
  readonly slots: Uint8Array;
  /** Masks, one per slot. */
  readonly masks: Int32Array;
  /** Values (already masked), one per slot. */
  readonly values: Int32Array;
  /** The mask shape: flows with the same shape share a hash table in the flow table. */
  readonly shape: string;
  /** Shape and values: equal for two matches that match exactly the same packets. */
  readonly id: string;

  constructor(words: Map<number, [value: number, mask: number]>) {
    const slots = [...words.keys()].filter((s) => words.get(s)![1] !== 0).sort((a, b) => a - b);
    this.slots = Uint8Array.from(slots);
    this.masks = Int32Array.from(slots, (s) => words.get(s)![1]);
    this.values = Int32Array.from(slots, (s, i) => words.get(s)![0] & this.masks[i]);
    this.shape = slots.map((s, i) => `${s}/${this.masks[i]}`).join(",");
    this.id = `${this.shape}=${this.values.join(",")}`;
  }

  /** Whether a key matches. */
  matches(key: Int32Array): boolean {
    const { slots, masks, values } = this;
    for (let i = 0; i < slots.length; i++) {
      if ((key[slots[i]] & masks[i]) !== values[i]) return false;
    }
    return true;
  }

  /** The mask of a slot (0 when not compared). */
  maskOf(slot: number): number {
    const i = this.slots.indexOf(slot);
    return i < 0 ? 0 : this.masks[i];
  }

  /** The (masked) value of a slot (0 when not compared). */
  valueOf(slot: number): number {
    const i = this.slots.indexOf(slot);
    return i < 0 ? 0 : this.values[i];
  }

  /**
   * Whether every packet this match accepts is also accepted by `filter` — the non-strict
   * selection of modify, delete and stats requests (the flow is at least as specific).
   */
  within(filter: FlowMatch): boolean {
    for (let i = 0; i < filter.slots.length; i++) {
      const fm = filter.masks[i];
      const m = this.maskOf(filter.slots[i]);
      if ((m & fm) !== fm) return false;
      if ((this.valueOf(filter.slots[i]) & fm) !== filter.values[i]) return false;
    }
    return true;
  }

  /** Whether some packet could match both (CHECK_OVERLAP, at equal priority). */
  overlaps(other: FlowMatch): boolean {
    for (let i = 0; i < this.slots.length; i++) {
      const common = this.masks[i] & other.maskOf(this.slots[i]);
      if ((this.values[i] & common) !== (other.valueOf(this.slots[i]) & common)) return false;
    }
    return true;
  }

  /** Whether it compares nothing (a table-miss flow's match). */
  get empty(): boolean {
    return this.slots.length === 0;
  }
}

/**
 * Compiles and validates an OXM match (OpenFlow 1.3 §7.2.3): known basic fields only, no
 * duplicates, masks only where the spec allows them, no value bits outside the mask, values
 * within the field's bits, prerequisites present and exact.
 *
 * @throws {Refusal} OFPET_BAD_MATCH with the spec's code.
 */
export function compileOxm(match: Of13Match): FlowMatch {
  const words = new Map<number, [number, number]>();
  const seen = new Map<OxmFieldName, { value: number[]; mask: number[]; masked: boolean }>();
  for (const tlv of match) {
    const field = basicField(tlv);
    if (!field) {
      throw refuse("BAD_MATCH", "BAD_FIELD", `Unsupported match field class ${describeTlv(tlv)}`);
    }
    if (seen.has(field)) throw refuse("BAD_MATCH", "DUP_FIELD", `Field ${field} appears twice`);
    const info = of13.oxmFieldInfo(field)!;
    const layout = LAYOUT[field];
    const value = toWords(field, (tlv as { value: unknown }).value);
    const rawMask = (tlv as { mask?: unknown }).mask;
    if (!value) throw refuse("BAD_MATCH", "BAD_VALUE", `Bad value for ${field}`);
    if (rawMask !== undefined && !info.maskable) {
      throw refuse("BAD_MATCH", "BAD_MASK", `Field ${field} cannot be masked`);
    }
    const full = fullMask(field);
    const mask = rawMask === undefined ? full : toWords(field, rawMask);
    if (!mask) throw refuse("BAD_MATCH", "BAD_MASK", `Bad mask for ${field}`);
    for (let i = 0; i < value.length; i++) {
      if ((value[i] & ~full[i]) !== 0 || (mask[i] & ~full[i]) !== 0) {
        throw refuse("BAD_MATCH", "BAD_VALUE", `Value of ${field} exceeds its ${layout.bits} bits`);
      }
      if ((value[i] & ~mask[i]) !== 0) {
        throw refuse(
          "BAD_MATCH",
          "BAD_WILDCARDS",
          `Value of ${field} has bits set outside its mask`,
        );
      }
    }
    seen.set(field, {
      value,
      mask,
      masked: rawMask !== undefined && mask.some((m, i) => m !== full[i]),
    });
    for (let i = 0; i < value.length; i++) words.set(layout.slot + i, [value[i], mask[i]]);
  }
  for (const field of seen.keys()) {
    const pre = PREREQ[field];
    if (!pre) continue;
    const have = seen.get(pre.field);
    const v = have?.value[0];
    // vlan_pcp's "VLAN_VID != NONE" is also met by a masked match on OFPVID_PRESENT.
    const ok = field === "vlan_pcp"
      ? have !== undefined && (have.value[0] & have.mask[0] & 0x1000) !== 0
      : have !== undefined && !have.masked && v !== undefined &&
        (pre.values.length === 0 || pre.values.includes(v >>> 0)) && v !== pre.not;
    if (!ok) {
      throw refuse(
        "BAD_MATCH",
        "BAD_PREREQ",
        `Field ${field} needs ${pre.field}${
          pre.values.length ? ` = ${pre.values.map((x) => `0x${x.toString(16)}`).join(" or ")}` : ""
        }`,
      );
    }
  }
  return new FlowMatch(words);
}

function describeTlv(tlv: { field: string; oxmClass?: number }): string {
  return tlv.field === "UNKNOWN" ? `0x${(tlv.oxmClass ?? 0).toString(16)}` : tlv.field;
}

/** OpenFlow 1.0 port number to the 32-bit numbering used inside the switch. */
export function port10to13(port: number): number {
  return port >= of10.OFPP.MAX ? (port + 0xffff0000) >>> 0 : port;
}

/** A 32-bit port number back to OpenFlow 1.0's 16 bits. */
export function port13to10(port: number): number {
  return port >= of13.OFPP.MAX ? port - 0xffff0000 : port;
}

/**
 * Compiles an OpenFlow 1.0 match: each field whose wildcard bit is clear, the IP addresses
 * under their prefix masks. Fields are taken as given (no prerequisite normalisation: see
 * docs/switch.md).
 */
export function compileOf10(m: Of10Match): FlowMatch {
  const W = of10.OFPFW;
  const w = m.wildcards;
  const words = new Map<number, [number, number]>();
  const set = (bit: number, slot: number, value: number, mask: number) => {
    if ((w & bit) === 0) words.set(slot, [value, mask]);
  };
  set(W.IN_PORT, S.IN_PORT, port10to13(m.inPort), -1);
  if ((w & W.DL_VLAN) === 0) {
    words.set(S.VLAN_VID, [
      m.dlVlan === of10.OFP_VLAN_NONE ? 0 : 0x1000 | (m.dlVlan & 0xfff),
      0x1fff,
    ]);
  }
  set(W.DL_VLAN_PCP, S.VLAN_PCP, m.dlVlanPcp & 7, 7);
  for (
    const [bit, slot, mac] of [[W.DL_SRC, S.ETH_SRC, m.dlSrc], [
      W.DL_DST,
      S.ETH_DST,
      m.dlDst,
    ]] as const
  ) {
    if ((w & bit) !== 0) continue;
    const v = toWords("eth_src", mac);
    if (!v) throw refuse("BAD_MATCH", "BAD_VALUE", `Bad Ethernet address ${mac}`);
    words.set(slot, [v[0], 0xffff]);
    words.set(slot + 1, [v[1], -1]);
  }
  set(W.DL_TYPE, S.ETH_TYPE, m.dlType, 0xffff);
  set(W.NW_TOS, S.NW_TOS10, m.nwTos & 0xfc, 0xfc);
  set(W.NW_PROTO, S.NW_PROTO10, m.nwProto, 0xff);
  for (const [field, slot] of [["nwSrc", S.NW_SRC10], ["nwDst", S.NW_DST10]] as const) {
    const len = of10.nwPrefixLength(m, field);
    if (len === 0) continue;
    const v = toWords("ipv4_src", m[field]);
    if (!v) throw refuse("BAD_MATCH", "BAD_VALUE", `Bad IPv4 address ${m[field]}`);
    words.set(slot, [v[0], len === 32 ? -1 : ~((1 << (32 - len)) - 1)]);
  }
  set(W.TP_SRC, S.TP_SRC10, m.tpSrc, 0xffff);
  set(W.TP_DST, S.TP_DST10, m.tpDst, 0xffff);
  return new FlowMatch(words);
}

/** Whether an OpenFlow 1.0 match has no wildcards (then its flow outranks every other). */
export function isExact10(m: Of10Match): boolean {
  return (m.wildcards & of10.OFPFW.ALL) === 0;
}
