// OpenFlow 1.3 multipart requests: every type, answered from the switch's real counters.
import { of13 } from "../ofp/mod.ts";
import type { Of13FlowStatsRequestBody, Of13MultipartRequest } from "../ofp/mod.ts";
import type { Channel } from "./_channel.ts";
import type { Datapath } from "./_datapath.ts";
import type { FlowEntry } from "./_flow_entry.ts";
import { MAX_GROUPS } from "./_groups.ts";
import { compileOxm } from "./_match.ts";
import { MAX_BANDS, MAX_METERS } from "./_meters.ts";
import { aggregateBody, descBody, replyParts } from "./_multipart.ts";
import { refuse } from "./_refusal.ts";
import { SUPPORTED_ACTIONS, tableFeatures } from "./_table_features.ts";

const { OFPP, OFPG, OFPM, OFPTT, OFPQ_ALL, OFPGT, OFPGFC, OFPMF, OFPMBT } = of13;

function seconds(created: number, now: number): [number, number] {
  const ms = Math.max(0, now - created);
  const sec = Math.floor(ms / 1000);
  return [sec, Math.floor((ms - sec * 1000) * 1e6)];
}

/** Flows a FLOW or AGGREGATE request selects (flows a 1.0 controller installed are not listed). */
export function selectFlows(dp: Datapath, r: Of13FlowStatsRequestBody): FlowEntry[] {
  if (r.tableId !== OFPTT.ALL && r.tableId >= dp.tables.length) {
    throw refuse("BAD_REQUEST", "BAD_TABLE_ID", `Table ${r.tableId} does not exist`);
  }
  const filter = compileOxm(r.match);
  const tables = r.tableId === OFPTT.ALL ? dp.tables : [dp.tables[r.tableId]];
  const out: FlowEntry[] = [];
  for (const t of tables) {
    for (const e of t.entries()) {
      if (
        e.wire.version === 4 && e.match.within(filter) &&
        (e.cookie & r.cookieMask) === (r.cookie & r.cookieMask) &&
        e.outputsTo(r.outPort, OFPP.ANY) && e.sendsTo(r.outGroup, OFPG.ANY)
      ) out.push(e);
    }
  }
  return out.sort((a, b) => a.tableId - b.tableId || b.priority - a.priority);
}

/** Flows and groups that send to a group. */
function refCount(dp: Datapath, id: number): number {
  let n = 0;
  for (const e of dp.entries()) if (e.program.groups.includes(id)) n++;
  for (const g of dp.groups.groups.values()) {
    if (g.buckets.some((b) => b.acts.some((a) => a.k === "group" && a.group === id))) n++;
  }
  return n;
}

/** Answers a MULTIPART_REQUEST. @throws {Refusal} */
export function multipart13(ch: Channel, m: Of13MultipartRequest): void {
  const dp = ch.dp;
  const now = dp.now();
  if ((m.flags & of13.OFPMPF.REQ_MORE) !== 0) {
    // Later parts follow under the same xid; only a table-features request spans parts.
    const parts = ch.pendingMultipart.get(m.xid) ?? [];
    parts.push(m.body);
    ch.pendingMultipart.set(m.xid, parts);
    return;
  }
  const earlier = ch.pendingMultipart.get(m.xid) ?? [];
  ch.pendingMultipart.delete(m.xid);
  const b = m.body;
  const reply = (body: Parameters<typeof replyParts>[2]) => replyParts(ch, m.xid, body);
  switch (b.type) {
    case "DESC":
      return reply(descBody(ch.host.desc));
    case "FLOW":
      return reply({
        type: "FLOW",
        entries: selectFlows(dp, b).map((e) => {
          const [durationSec, durationNsec] = e.duration(now);
          return {
            tableId: e.tableId,
            durationSec,
            durationNsec,
            priority: e.priority,
            idleTimeout: e.idleTimeout,
            hardTimeout: e.hardTimeout,
            flags: e.flags,
            cookie: e.cookie,
            packetCount: BigInt(e.packets),
            byteCount: BigInt(e.bytes),
            match: e.wire.version === 4 ? e.wire.match : [],
            instructions: e.wire.version === 4 ? e.wire.instructions : [],
          };
        }),
      });
    case "AGGREGATE":
      return reply(aggregateBody(selectFlows(dp, b)));
    case "TABLE":
      return reply({
        type: "TABLE",
        entries: dp.tables.map((t) => ({
          tableId: t.id,
          activeCount: t.size,
          lookupCount: BigInt(t.lookups),
          matchedCount: BigInt(t.matched),
        })),
      });
    case "PORT_STATS": {
      const ports = b.portNo === OFPP.ANY ? [...dp.ports.values()] : [dp.ports.get(b.portNo)];
      if (ports[0] === undefined) {
        throw refuse("BAD_REQUEST", "BAD_PORT", `Port ${b.portNo} does not exist`);
      }
      return reply({
        type: "PORT_STATS",
        entries: ports.map((p) => {
          const [durationSec, durationNsec] = p!.duration(now);
          return {
            portNo: p!.no,
            rxPackets: BigInt(p!.rxPackets),
            txPackets: BigInt(p!.txPackets),
            rxBytes: BigInt(p!.rxBytes),
            txBytes: BigInt(p!.txBytes),
            rxDropped: BigInt(p!.rxDropped),
            txDropped: BigInt(p!.txDropped),
            rxErrors: BigInt(p!.rxErrors),
            txErrors: 0n,
            rxFrameErr: 0n,
            rxOverErr: 0n,
            rxCrcErr: 0n,
            collisions: 0n,
            durationSec,
            durationNsec,
          };
        }),
      });
    }
    case "QUEUE": {
      const ports = b.portNo === OFPP.ANY ? [...dp.ports.values()] : [dp.ports.get(b.portNo)];
      if (ports[0] === undefined) {
        throw refuse("QUEUE_OP_FAILED", "BAD_PORT", `Port ${b.portNo} does not exist`);
      }
      const entries = ports.flatMap((p) =>
        [...p!.queues].filter(([q]) => b.queueId === OFPQ_ALL || q === b.queueId).map(
          ([queueId, q]) => {
            const [durationSec, durationNsec] = seconds(q.created, now);
            return {
              portNo: p!.no,
              queueId,
              txBytes: BigInt(q.txBytes),
              txPackets: BigInt(q.txPackets),
              txErrors: BigInt(q.txErrors),
              durationSec,
              durationNsec,
            };
          },
        )
      );
      if (b.queueId !== OFPQ_ALL && entries.length === 0) {
        throw refuse("QUEUE_OP_FAILED", "BAD_QUEUE", `Queue ${b.queueId} does not exist`);
      }
      return reply({ type: "QUEUE", entries });
    }
    case "GROUP": {
      const groups = [...dp.groups.groups.values()].filter((g) =>
        b.groupId === OFPG.ALL || g.id === b.groupId
      );
      return reply({
        type: "GROUP",
        entries: groups.map((g) => {
          const [durationSec, durationNsec] = seconds(g.created, now);
          return {
            groupId: g.id,
            refCount: refCount(dp, g.id),
            packetCount: BigInt(g.packets),
            byteCount: BigInt(g.bytes),
            durationSec,
            durationNsec,
            bucketStats: g.buckets.map((k) => ({
              packetCount: BigInt(k.packets),
              byteCount: BigInt(k.bytes),
            })),
          };
        }),
      });
    }
    case "GROUP_DESC":
      return reply({
        type: "GROUP_DESC",
        entries: [...dp.groups.groups.values()].map((g) => ({
          groupType: g.type,
          groupId: g.id,
          buckets: g.buckets.map((k) => k.wire),
        })),
      });
    case "GROUP_FEATURES":
      return reply({
        type: "GROUP_FEATURES",
        types: (1 << OFPGT.ALL) | (1 << OFPGT.SELECT) | (1 << OFPGT.INDIRECT) | (1 << OFPGT.FF),
        capabilities: OFPGFC.SELECT_WEIGHT | OFPGFC.SELECT_LIVENESS | OFPGFC.CHAINING |
          OFPGFC.CHAINING_CHECKS,
        maxGroups: [MAX_GROUPS, MAX_GROUPS, MAX_GROUPS, MAX_GROUPS],
        actions: [SUPPORTED_ACTIONS, SUPPORTED_ACTIONS, SUPPORTED_ACTIONS, SUPPORTED_ACTIONS],
      } as never);
    case "METER":
    case "METER_CONFIG": {
      const meters = [...dp.meters.meters.values()].filter((x) =>
        b.meterId === OFPM.ALL || x.id === b.meterId
      );
      if (b.type === "METER_CONFIG") {
        return reply({
          type: "METER_CONFIG",
          entries: meters.map((x) => ({
            flags: x.flags,
            meterId: x.id,
            bands: x.bands.map((band) => band.wire),
          })),
        });
      }
      return reply({
        type: "METER",
        entries: meters.map((x) => {
          const [durationSec, durationNsec] = seconds(x.created, now);
          let flowCount = 0;
          for (const e of dp.entries()) if (e.program.meter === x.id) flowCount++;
          return {
            meterId: x.id,
            flowCount,
            packetInCount: BigInt(x.packets),
            byteInCount: BigInt(x.bytes),
            durationSec,
            durationNsec,
            bandStats: x.bands.map((band) => ({
              packetBandCount: BigInt(band.packets),
              byteBandCount: BigInt(band.bytes),
            })),
          };
        }),
      });
    }
    case "METER_FEATURES":
      return reply({
        type: "METER_FEATURES",
        maxMeter: MAX_METERS,
        bandTypes: (1 << OFPMBT.DROP) | (1 << OFPMBT.DSCP_REMARK),
        capabilities: OFPMF.KBPS | OFPMF.PKTPS | OFPMF.BURST | OFPMF.STATS,
        maxBands: MAX_BANDS,
        maxColor: 0,
      } as never);
    case "TABLE_FEATURES": {
      const asked = [...earlier, b] as { entries?: unknown[] }[];
      if (asked.some((p) => (p.entries?.length ?? 0) > 0)) {
        throw refuse("TABLE_FEATURES_FAILED", "EPERM", "The tables' features cannot be changed");
      }
      return reply({ type: "TABLE_FEATURES", entries: tableFeatures(dp) });
    }
    case "PORT_DESC":
      return reply({ type: "PORT_DESC", entries: [...dp.ports.values()].map((p) => p.toOf13()) });
    case "EXPERIMENTER":
      throw refuse(
        "BAD_REQUEST",
        "BAD_EXPERIMENTER",
        `Experimenter 0x${b.experimenter.toString(16)} is not supported`,
      );
    default:
      throw refuse("BAD_REQUEST", "BAD_MULTIPART", `Multipart type ${b.multipartType} is unknown`);
  }
}
