// Actions inside the switch, one form for both versions, compiled from OpenFlow 1.3 and 1.0
// actions with the spec's validation (bad port, bad group, bad set-field, bad argument).
import { of13 } from "../ofp/mod.ts";
import type { Of10Action, Of13Action, Of13Match, OxmFieldName } from "../ofp/mod.ts";
import { basicField, fullMask, LAYOUT, PREREQ, toWords } from "./_fields.ts";
import { port10to13 } from "./_match.ts";
import { refuse } from "./_refusal.ts";

/** An action as the switch executes it. */
export type Act =
  | { k: "output"; port: number; maxLen: number }
  | { k: "group"; group: number }
  | { k: "set_queue"; queue: number }
  | { k: "set_field"; field: OxmFieldName; value: number | bigint | string }
  | { k: "push_vlan" | "push_mpls" | "push_pbb" | "pop_mpls"; ethertype: number }
  | { k: "pop_vlan" | "pop_pbb" | "copy_ttl_in" | "copy_ttl_out" | "dec_mpls_ttl" | "dec_nw_ttl" }
  | { k: "set_mpls_ttl" | "set_nw_ttl"; ttl: number }
  // OpenFlow 1.0's, whose effect depends on the frame.
  | { k: "set_vlan_vid10"; vid: number }
  | { k: "set_vlan_pcp10"; pcp: number }
  | { k: "set_nw_tos10"; tos: number }
  | { k: "set_nw_addr10"; dst: boolean; addr: string }
  | { k: "set_tp10"; dst: boolean; port: number };

/** What validation needs to know about the switch. */
export interface ActionEnv {
  /** Whether a physical port exists. */
  hasPort(port: number): boolean;
  /** Whether a group exists. */
  hasGroup(group: number): boolean;
}

/**
 * What the flow's match (and earlier actions) guarantee about a packet, for set-field
 * prerequisites: exact values of fields, by name.
 */
export type Facts = Map<OxmFieldName, number>;

/** The set-field writes the switch refuses (pipeline fields and fields OVS also refuses). */
const UNWRITABLE: ReadonlySet<OxmFieldName> = new Set<OxmFieldName>([
  "in_port",
  "in_phy_port",
  "metadata",
  "eth_type",
  "ip_proto",
  "mpls_bos",
  "ipv6_exthdr",
]);

/** Fields OpenFlow 1.3 lets SET_FIELD write here, in field-number order (table features). */
export const WRITABLE_FIELDS: readonly OxmFieldName[] = of13.OXM_FIELDS
  .map((f) => f.name)
  .filter((n) => !UNWRITABLE.has(n));

const P = of13.OFPP;

/** Checks an output port: a port of the switch or a reserved port usable here. */
export function checkOutPort(port: number, env: ActionEnv, packetOut: boolean): void {
  if (port > 0 && port <= P.MAX) {
    if (!env.hasPort(port)) {
      throw refuse("BAD_ACTION", "BAD_OUT_PORT", `Output to port ${port}, which does not exist`);
    }
    return;
  }
  switch (port) {
    case P.IN_PORT:
    case P.ALL:
    case P.FLOOD:
    case P.CONTROLLER:
    case P.LOCAL:
      return;
    case P.TABLE:
      if (packetOut) return;
      throw refuse("BAD_ACTION", "BAD_OUT_PORT", "Output to TABLE is only allowed in a packet-out");
    default:
      throw refuse(
        "BAD_ACTION",
        "BAD_OUT_PORT",
        `Output to port ${of13.portName(port)} is not supported`,
      );
  }
}

/** Facts from a match: its numeric fields matched exactly, and a VLAN tag's presence. */
export function factsOf(match: Of13Match): Facts {
  const facts: Facts = new Map();
  for (const tlv of match) {
    const field = basicField(tlv);
    if (!field) continue;
    const { value, mask } = tlv as { value: unknown; mask?: unknown };
    if (typeof value !== "number") continue;
    if (mask === undefined) facts.set(field, value);
    else if (field === "vlan_vid" && (value & (mask as number) & 0x1000) !== 0) {
      facts.set(field, 0x1000);
    }
  }
  return facts;
}

function prereqMet(field: OxmFieldName, facts: Facts): boolean {
  const pre = PREREQ[field];
  if (!pre) return true;
  const v = facts.get(pre.field);
  if (v === undefined) return false;
  if (pre.values.length > 0 && !pre.values.includes(v)) return false;
  if (pre.not !== undefined && v === pre.not) return false;
  return prereqMet(pre.field, facts);
}

/** Applies what an action guarantees (a pushed tag, a new ethertype) to the facts. */
function learn(a: Act, facts: Facts): void {
  switch (a.k) {
    case "push_vlan":
      facts.set("vlan_vid", 0x1000);
      break;
    case "pop_vlan":
      facts.delete("vlan_vid");
      break;
    case "push_mpls":
    case "pop_mpls":
      for (const f of [...facts.keys()]) if (f !== "in_port" && f !== "vlan_vid") facts.delete(f);
      facts.set("eth_type", a.ethertype);
      break;
    case "push_pbb":
      for (const f of [...facts.keys()]) if (f !== "in_port") facts.delete(f);
      facts.set("eth_type", 0x88e7);
      break;
    case "pop_pbb":
      for (const f of [...facts.keys()]) if (f !== "in_port") facts.delete(f);
      break;
  }
}

/**
 * Compiles an OpenFlow 1.3 action list.
 *
 * @param facts Prerequisite facts to check set-fields against (undefined: do not check, as in
 * group buckets); updated by push and pop actions.
 * @throws {Refusal} OFPET_BAD_ACTION with the spec's code.
 */
export function compileActions13(
  actions: readonly Of13Action[],
  env: ActionEnv,
  facts: Facts | undefined,
  packetOut = false,
): Act[] {
  const out: Act[] = [];
  for (const a of actions) {
    let act: Act;
    switch (a.type) {
      case "OUTPUT":
        checkOutPort(a.port, env, packetOut);
        act = { k: "output", port: a.port, maxLen: a.maxLen };
        break;
      case "GROUP":
        if (!env.hasGroup(a.groupId)) {
          throw refuse("BAD_ACTION", "BAD_OUT_GROUP", `Group ${a.groupId} does not exist`);
        }
        act = { k: "group", group: a.groupId };
        break;
      case "SET_QUEUE":
        act = { k: "set_queue", queue: a.queueId };
        break;
      case "SET_FIELD":
        act = setField(a.field, facts);
        break;
      case "PUSH_VLAN":
        ethertypeIn(a.ethertype, [0x8100, 0x88a8], "PUSH_VLAN");
        act = { k: "push_vlan", ethertype: a.ethertype };
        break;
      case "PUSH_MPLS":
        ethertypeIn(a.ethertype, [0x8847, 0x8848], "PUSH_MPLS");
        act = { k: "push_mpls", ethertype: a.ethertype };
        break;
      case "PUSH_PBB":
        ethertypeIn(a.ethertype, [0x88e7], "PUSH_PBB");
        act = { k: "push_pbb", ethertype: a.ethertype };
        break;
      case "POP_MPLS":
        act = { k: "pop_mpls", ethertype: a.ethertype };
        break;
      case "POP_VLAN":
        act = { k: "pop_vlan" };
        break;
      case "POP_PBB":
        act = { k: "pop_pbb" };
        break;
      case "COPY_TTL_IN":
        act = { k: "copy_ttl_in" };
        break;
      case "COPY_TTL_OUT":
        act = { k: "copy_ttl_out" };
        break;
      case "DEC_MPLS_TTL":
        act = { k: "dec_mpls_ttl" };
        break;
      case "DEC_NW_TTL":
        act = { k: "dec_nw_ttl" };
        break;
      case "SET_MPLS_TTL":
        act = { k: "set_mpls_ttl", ttl: a.mplsTtl };
        break;
      case "SET_NW_TTL":
        act = { k: "set_nw_ttl", ttl: a.nwTtl };
        break;
      case "EXPERIMENTER":
        throw refuse(
          "BAD_ACTION",
          "BAD_EXPERIMENTER",
          `Experimenter action 0x${a.experimenter.toString(16)} is not supported`,
        );
      default:
        throw refuse("BAD_ACTION", "BAD_TYPE", `Action type ${a.actionType} is not supported`);
    }
    if (facts) learn(act, facts);
    out.push(act);
  }
  return out;
}

function ethertypeIn(v: number, allowed: number[], what: string): void {
  if (!allowed.includes(v)) {
    throw refuse(
      "BAD_ACTION",
      "BAD_ARGUMENT",
      `${what} ethertype 0x${v.toString(16)} is not one of ${
        allowed.map((x) => `0x${x.toString(16)}`).join(", ")
      }`,
    );
  }
}

function setField(tlv: Parameters<typeof basicField>[0], facts: Facts | undefined): Act {
  const field = basicField(tlv);
  if (!field || UNWRITABLE.has(field)) {
    throw refuse("BAD_ACTION", "BAD_SET_TYPE", `Field ${field ?? tlv.field} cannot be set`);
  }
  if ((tlv as { mask?: unknown }).mask !== undefined) {
    throw refuse("BAD_ACTION", "BAD_SET_ARGUMENT", `Set-field of ${field} carries a mask`);
  }
  const value = (tlv as { value: number | bigint | string }).value;
  const words = toWords(field, value);
  const full = fullMask(field);
  let fits = words !== undefined && words.every((w, i) => (w & ~full[i]) === 0);
  // vlan_vid is written with OFPVID_PRESENT (as OVS accepts) or without it.
  if (field === "vlan_vid") fits = words !== undefined && (words[0] & ~0x1fff) === 0;
  if (!fits) {
    throw refuse(
      "BAD_ACTION",
      "BAD_SET_ARGUMENT",
      `Set-field value of ${field} exceeds its ${LAYOUT[field].bits} bits`,
    );
  }
  if (facts && !prereqMet(field, facts)) {
    throw refuse(
      "BAD_ACTION",
      "MATCH_INCONSISTENT",
      `Set-field of ${field} without its prerequisite ${PREREQ[field]?.field} in the match`,
    );
  }
  return { k: "set_field", field, value };
}

/**
 * Compiles an OpenFlow 1.0 action list.
 *
 * @throws {Refusal} OFPET_BAD_ACTION with the spec's code.
 */
export function compileActions10(
  actions: readonly Of10Action[],
  env: ActionEnv,
  queues: (port: number, queue: number) => boolean,
  packetOut = false,
): Act[] {
  const out: Act[] = [];
  for (const a of actions) {
    switch (a.type) {
      case "OUTPUT": {
        const port = port10to13(a.port);
        checkOutPort(port, env, packetOut);
        out.push({ k: "output", port, maxLen: a.maxLen });
        break;
      }
      case "ENQUEUE": {
        const port = port10to13(a.port);
        checkOutPort(port, env, packetOut);
        if (port <= P.MAX && !queues(port, a.queueId)) {
          throw refuse("BAD_ACTION", "BAD_QUEUE", `Port ${port} has no queue ${a.queueId}`);
        }
        out.push({ k: "set_queue", queue: a.queueId }, { k: "output", port, maxLen: 0 });
        break;
      }
      case "SET_VLAN_VID":
        if (a.vlanVid > 0xfff) {
          throw refuse("BAD_ACTION", "BAD_ARGUMENT", `VLAN id ${a.vlanVid} exceeds 12 bits`);
        }
        out.push({ k: "set_vlan_vid10", vid: a.vlanVid });
        break;
      case "SET_VLAN_PCP":
        if (a.vlanPcp > 7) {
          throw refuse("BAD_ACTION", "BAD_ARGUMENT", `VLAN priority ${a.vlanPcp} exceeds 3 bits`);
        }
        out.push({ k: "set_vlan_pcp10", pcp: a.vlanPcp });
        break;
      case "STRIP_VLAN":
        out.push({ k: "pop_vlan" });
        break;
      case "SET_DL_SRC":
      case "SET_DL_DST":
        out.push({
          k: "set_field",
          field: a.type === "SET_DL_SRC" ? "eth_src" : "eth_dst",
          value: a.dlAddr,
        });
        break;
      case "SET_NW_SRC":
      case "SET_NW_DST":
        out.push({ k: "set_nw_addr10", dst: a.type === "SET_NW_DST", addr: a.nwAddr });
        break;
      case "SET_NW_TOS":
        if ((a.nwTos & 3) !== 0) {
          throw refuse("BAD_ACTION", "BAD_ARGUMENT", `ToS ${a.nwTos} sets the ECN bits`);
        }
        out.push({ k: "set_nw_tos10", tos: a.nwTos });
        break;
      case "SET_TP_SRC":
      case "SET_TP_DST":
        out.push({ k: "set_tp10", dst: a.type === "SET_TP_DST", port: a.tpPort });
        break;
      case "VENDOR":
        throw refuse(
          "BAD_ACTION",
          "BAD_EXPERIMENTER",
          `Vendor action 0x${a.vendor.toString(16)} is not supported`,
        );
      default:
        throw refuse("BAD_ACTION", "BAD_TYPE", `Action type ${a.actionType} is not supported`);
    }
  }
  return out;
}

/** Ports an action list outputs to (for out_port filters). */
export function outputsOf(acts: readonly Act[]): number[] {
  return acts.flatMap((a) => (a.k === "output" ? [a.port] : []));
}

/** Groups an action list sends to (for out_group filters and reference counts). */
export function groupsOf(acts: readonly Act[]): number[] {
  return acts.flatMap((a) => (a.k === "group" ? [a.group] : []));
}
