// The OpenFlow 1.3 pipeline (§5.1): table lookups from table 0, instructions in their fixed
// order, the action set kept across tables and executed in the spec's order (§5.10) when no
// goto-table follows. OpenFlow 1.0 flows are table-0 entries that only apply actions.
import type { Act } from "./_actions.ts";
import type { FlowEntry } from "./_flow_entry.ts";
import type { FlowTable } from "./_flow_table.ts";
import type { GroupEnv, GroupTable } from "./_groups.ts";
import { S } from "./_key.ts";
import type { MeterTable } from "./_meters.ts";
import type { Packet } from "./_packet.ts";
import * as rw from "./_rewrite.ts";

/** Where a packet is in the pipeline, for the packet-ins it causes. */
export interface Ctx {
  /** Table of the entry acting on the packet (0 for a packet-out). */
  tableId: number;
  /** Cookie of that entry (all ones for a packet-out, as Open vSwitch). */
  cookie: bigint;
  /** Whether that entry is a table-miss entry (priority 0, empty match). */
  tableMiss: boolean;
}

/** What the pipeline needs from the datapath. */
export interface PipelineHost {
  readonly tables: readonly FlowTable[];
  readonly groups: GroupTable;
  readonly meters: MeterTable;
  readonly groupEnv: GroupEnv;
  now(): number;
  /** Sends the packet as it is now out of a port (reserved ports included). */
  output(pkt: Packet, port: number, maxLen: number, ctx: Ctx): void;
  /** A packet no entry of `tableId` matched. */
  miss(pkt: Packet, tableId: number): void;
  /** A packet whose TTL a decrement found invalid. */
  invalidTtl(pkt: Packet, ctx: Ctx): void;
}

/** The action set's execution order (OpenFlow 1.3 §5.10); set-fields sort by field name. */
const ORDER: Record<Act["k"], number> = {
  copy_ttl_in: 0,
  pop_vlan: 1,
  pop_mpls: 2,
  pop_pbb: 3,
  push_mpls: 4,
  push_pbb: 5,
  push_vlan: 6,
  copy_ttl_out: 7,
  dec_mpls_ttl: 8,
  dec_nw_ttl: 9,
  set_mpls_ttl: 10,
  set_nw_ttl: 11,
  set_field: 12,
  set_vlan_vid10: 12,
  set_vlan_pcp10: 12,
  set_nw_tos10: 12,
  set_nw_addr10: 12,
  set_tp10: 12,
  set_queue: 13,
  group: 14,
  output: 15,
};

/** At most one action of each type (one set-field per field); a later write replaces. */
export class ActionSet {
  #acts = new Map<string, Act>();

  static keyOf(a: Act): string {
    return a.k === "set_field" ? `set_field:${a.field}` : a.k;
  }

  write(acts: readonly Act[]): void {
    for (const a of acts) this.#acts.set(ActionSet.keyOf(a), a);
  }

  clear(): void {
    this.#acts.clear();
  }

  get size(): number {
    return this.#acts.size;
  }

  /** The actions in execution order; an output is dropped when a group is present. */
  ordered(): Act[] {
    const acts = [...this.#acts.values()];
    const hasGroup = acts.some((a) => a.k === "group");
    return acts
      .filter((a) => !(hasGroup && a.k === "output"))
      .sort((a, b) =>
        ORDER[a.k] - ORDER[b.k] || ActionSet.keyOf(a).localeCompare(ActionSet.keyOf(b))
      );
  }
}

/** Runs a packet through the tables from `first`. */
export function runPipeline(host: PipelineHost, pkt: Packet, first = 0): void {
  let set: ActionSet | undefined;
  let tableId = first;
  for (;;) {
    const entry = host.tables[tableId].lookup(pkt.lookupKey());
    if (entry === undefined) {
      host.miss(pkt, tableId);
      return;
    }
    const now = host.now();
    const len = pkt.bytes.length;
    entry.hit(len, now);
    const p = entry.program;
    const ctx = entry.ctx ??= ctxOf(entry);
    if (p.meter !== 0) {
      const band = host.meters.meter(p.meter, len, now);
      if (band?.wire.type === "DROP") return;
      if (band?.wire.type === "DSCP_REMARK") rw.remarkDscp(pkt, band.wire.precLevel);
    }
    if (p.apply !== undefined && !applyActions(host, pkt, p.apply, ctx)) return;
    if (p.clear) set?.clear();
    if (p.write !== undefined) (set ??= new ActionSet()).write(p.write);
    if (p.metadata !== undefined) {
      const m = p.metadata, k = pkt.key;
      k[S.METADATA] = (k[S.METADATA] & ~m[2]) | (m[0] & m[2]);
      k[S.METADATA + 1] = (k[S.METADATA + 1] & ~m[3]) | (m[1] & m[3]);
    }
    if (p.goto >= 0) {
      tableId = p.goto;
      continue;
    }
    if (set !== undefined && set.size > 0) applyActions(host, pkt, set.ordered(), ctx);
    return;
  }
}

function ctxOf(e: FlowEntry): Ctx {
  return { tableId: e.tableId, cookie: e.cookie, tableMiss: e.priority === 0 && e.match.empty };
}

/**
 * Applies actions in list order to the packet. Outputs send the packet as it is at that
 * point; a group gets its own copy.
 *
 * @returns false when a TTL decrement found the packet invalid (processing stops).
 */
export function applyActions(
  host: PipelineHost,
  pkt: Packet,
  acts: readonly Act[],
  ctx: Ctx,
): boolean {
  for (const a of acts) {
    switch (a.k) {
      case "output":
        host.output(pkt, a.port, a.maxLen, ctx);
        break;
      case "group":
        runGroup(host, pkt.clone(), a.group, ctx, 0);
        break;
      case "set_queue":
        pkt.queue = a.queue;
        break;
      case "set_field":
        rw.setField(pkt, a.field, a.value);
        break;
      case "push_vlan":
        rw.pushVlan(pkt, a.ethertype);
        break;
      case "pop_vlan":
        rw.popVlan(pkt);
        break;
      case "push_mpls":
        rw.pushMpls(pkt, a.ethertype);
        break;
      case "pop_mpls":
        rw.popMpls(pkt, a.ethertype);
        break;
      case "push_pbb":
        rw.pushPbb(pkt, a.ethertype);
        break;
      case "pop_pbb":
        rw.popPbb(pkt);
        break;
      case "copy_ttl_in":
      case "copy_ttl_out":
        rw.copyTtl(pkt, a.k === "copy_ttl_out");
        break;
      case "dec_nw_ttl":
        if (!rw.decNwTtl(pkt)) {
          host.invalidTtl(pkt, ctx);
          return false;
        }
        break;
      case "dec_mpls_ttl":
        if (!rw.decMplsTtl(pkt)) {
          host.invalidTtl(pkt, ctx);
          return false;
        }
        break;
      case "set_nw_ttl":
        rw.setNwTtl(pkt, a.ttl);
        break;
      case "set_mpls_ttl":
        rw.setMplsTtl(pkt, a.ttl);
        break;
      case "set_vlan_vid10":
        rw.setVlan10(pkt, a.vid, undefined);
        break;
      case "set_vlan_pcp10":
        rw.setVlan10(pkt, undefined, a.pcp);
        break;
      case "set_nw_tos10":
        rw.setNwTos10(pkt, a.tos);
        break;
      case "set_nw_addr10":
        rw.setNwAddr10(pkt, a.dst, a.addr);
        break;
      case "set_tp10":
        rw.setTp10(pkt, a.dst, a.port);
        break;
    }
  }
  return true;
}

/** Sends a packet through a group: each chosen bucket's actions run as an action set. */
export function runGroup(
  host: PipelineHost,
  pkt: Packet,
  id: number,
  ctx: Ctx,
  depth: number,
): void {
  const g = host.groups.groups.get(id);
  if (!g || depth > 16) return;
  const len = pkt.bytes.length;
  g.packets++;
  g.bytes += len;
  const buckets = host.groups.choose(g, hashOf(pkt.lookupKey()), host.groupEnv);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    b.packets++;
    b.bytes += len;
    const copy = i === buckets.length - 1 ? pkt : pkt.clone();
    const set = new ActionSet();
    set.write(b.acts);
    const acts = set.ordered();
    // A chained group in a bucket is run here so it can be counted at its depth.
    const groupAct = acts.find((a) => a.k === "group");
    if (!applyActions(host, copy, acts.filter((a) => a.k !== "group"), ctx)) continue;
    if (groupAct?.k === "group") runGroup(host, copy, groupAct.group, ctx, depth + 1);
  }
}

/** The key words a SELECT group hashes: every address OpenFlow matches on, the protocol, ports. */
const HASHED: readonly number[] = [
  S.ETH_SRC,
  S.ETH_SRC + 1,
  S.ETH_DST,
  S.ETH_DST + 1,
  S.IPV4_SRC,
  S.IPV4_DST,
  ...[0, 1, 2, 3].flatMap((i) => [S.IPV6_SRC + i, S.IPV6_DST + i]),
  S.ARP_SPA,
  S.ARP_TPA,
  S.IP_PROTO,
  S.TCP_SRC,
  S.TCP_DST,
  S.UDP_SRC,
  S.UDP_DST,
  S.SCTP_SRC,
  S.SCTP_DST,
];

/** A flow hash over addresses and ports, for SELECT groups (one flow stays on one bucket). */
function hashOf(key: Int32Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < HASHED.length; i++) h = Math.imul(h ^ key[HASHED[i]], 0x01000193);
  return h ^ (h >>> 16);
}
