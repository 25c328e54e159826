/**
 * Statistics of a switch as lists of entries, for either version: each function sends the
 * request (1.0 STATS_REQUEST or 1.3 MULTIPART_REQUEST), assembles every reply part by xid and
 * returns the entries of all parts (OFTest's `get_stats`, `get_flow_stats`...).
 *
 * @module
 */
import type { SwitchConnection } from "../controller/mod.ts";
import { of10, of13 } from "../ofp/mod.ts";
import type {
  Of10AggregateStatsBody,
  Of10FlowStats,
  Of10PhyPort,
  Of10PortStats,
  Of10QueueStats,
  Of10TableStats,
  Of13AggregateBody,
  Of13FlowStats,
  Of13GroupDesc,
  Of13GroupStats,
  Of13Match,
  Of13MeterConfig,
  Of13MeterStats,
  Of13Port,
  Of13PortStats,
  Of13QueueStats,
  Of13TableStats,
  OfpMessage,
} from "../ofp/mod.ts";
import type { Of10Match } from "../ofp/mod.ts";

/** A flow entry of either version. */
export type FlowStatsEntry = Of10FlowStats | Of13FlowStats;
/** A table entry of either version. */
export type TableStatsEntry = Of10TableStats | Of13TableStats;
/** A port counter entry of either version. */
export type PortStatsEntry = Of10PortStats | Of13PortStats;
/** A queue counter entry of either version. */
export type QueueStatsEntry = Of10QueueStats | Of13QueueStats;
/** A port description of either version. */
export type PortDescEntry = Of10PhyPort | Of13Port;
/** The aggregate counters of either version. */
export type AggregateStats = Of10AggregateStatsBody | Of13AggregateBody;

/** Which flows a flow or aggregate stats request selects. */
export interface FlowFilter {
  /** Match (version-specific); default every flow. */
  match?: Of10Match | Of13Match;
  /** Table (1.3; 1.0 takes 0xff for all). Default all. */
  tableId?: number;
  /** Only flows that output to this port. Default any. */
  outPort?: number;
  /** Only flows that output to this group (1.3). Default any. */
  outGroup?: number;
  /** Only flows whose cookie matches under `cookieMask` (1.3). */
  cookie?: bigint;
  /** Cookie mask (1.3). Default 0 (any cookie). */
  cookieMask?: bigint;
}

/**
 * Sends a stats/multipart request and returns the `entries` of every reply part, concatenated.
 *
 * @param conn The switch.
 * @param request A STATS_REQUEST (1.0) or MULTIPART_REQUEST (1.3) with an entry-list reply.
 * @param timeout Deadline per part, in ms. Default the connection's.
 * @returns The entries.
 * @throws {SwitchError} If the switch refuses the request.
 * @throws {TypeError} If the reply has no entry list (e.g. DESC or AGGREGATE).
 */
export async function statsEntries(
  conn: SwitchConnection,
  request: OfpMessage,
  timeout?: number,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const part of await conn.transactMultipart(request, { timeout })) {
    const body = (part as { body?: { type: string; entries?: unknown[] } }).body;
    if (!body || !Array.isArray(body.entries)) {
      throw new TypeError(
        `Expected a reply with entries, got ${part.type} ${body?.type ?? "without a body"}`,
      );
    }
    out.push(...body.entries);
  }
  return out;
}

async function singleBody<B>(conn: SwitchConnection, request: OfpMessage): Promise<B> {
  const [part] = await conn.transactMultipart(request);
  return (part as unknown as { body: B }).body;
}

function v13(conn: SwitchConnection): boolean {
  return conn.version === 4;
}

/**
 * Every flow entry the filter selects (OFTest's `get_flow_stats`).
 *
 * @param conn The switch (1.0 or 1.3).
 * @param filter Which flows. Default all.
 * @returns The entries.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function flowStats(
  conn: SwitchConnection,
  filter: FlowFilter = {},
): Promise<FlowStatsEntry[]> {
  return await statsEntries(conn, flowRequest(conn, filter, "FLOW")) as FlowStatsEntry[];
}

/**
 * Packet, byte and flow counts over the flows the filter selects.
 *
 * @param conn The switch (1.0 or 1.3).
 * @param filter Which flows. Default all.
 * @returns The aggregate.
 * @throws {SwitchError} If the switch refuses the request.
 */
export function aggregateStats(
  conn: SwitchConnection,
  filter: FlowFilter = {},
): Promise<AggregateStats> {
  return singleBody(conn, flowRequest(conn, filter, "AGGREGATE"));
}

/** A FLOW or AGGREGATE request for the filter, in the connection's version. */
function flowRequest(
  conn: SwitchConnection,
  filter: FlowFilter,
  kind: "FLOW" | "AGGREGATE",
): OfpMessage {
  if (v13(conn)) {
    const fields = {
      match: (filter.match as Of13Match | undefined) ?? [],
      tableId: filter.tableId ?? of13.OFPTT.ALL,
      outPort: filter.outPort ?? of13.OFPP.ANY,
      outGroup: filter.outGroup ?? of13.OFPG.ANY,
      cookie: filter.cookie ?? 0n,
      cookieMask: filter.cookieMask ?? 0n,
    };
    return kind === "FLOW" ? of13.flowStatsRequest(fields) : of13.aggregateStatsRequest(fields);
  }
  const fields = {
    match: (filter.match as Of10Match | undefined) ?? of10.match(),
    tableId: filter.tableId ?? 0xff,
    outPort: filter.outPort ?? of10.OFPP.NONE,
  };
  return kind === "FLOW" ? of10.flowStatsRequest(fields) : of10.aggregateStatsRequest(fields);
}

/**
 * Every table's counters.
 *
 * @param conn The switch (1.0 or 1.3).
 * @returns The entries.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function tableStats(conn: SwitchConnection): Promise<TableStatsEntry[]> {
  const request = v13(conn) ? of13.tableStatsRequest() : of10.tableStatsRequest();
  return await statsEntries(conn, request) as TableStatsEntry[];
}

/**
 * Port counters of one port or of all.
 *
 * @param conn The switch (1.0 or 1.3).
 * @param port The port; default all.
 * @returns The entries.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function portStats(conn: SwitchConnection, port?: number): Promise<PortStatsEntry[]> {
  const request = v13(conn)
    ? of13.portStatsRequest(port ?? of13.OFPP.ANY)
    : of10.portStatsRequest(port ?? of10.OFPP.NONE);
  return await statsEntries(conn, request) as PortStatsEntry[];
}

/**
 * Queue counters of a port's queues (default every queue of every port).
 *
 * @param conn The switch (1.0 or 1.3).
 * @param port The port; default all.
 * @param queueId The queue; default all.
 * @returns The entries.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function queueStats(
  conn: SwitchConnection,
  port?: number,
  queueId?: number,
): Promise<QueueStatsEntry[]> {
  const request = v13(conn)
    ? of13.queueStatsRequest(port ?? of13.OFPP.ANY, queueId ?? of13.OFPQ_ALL)
    : of10.queueStatsRequest(port ?? of10.OFPP.ALL, queueId ?? of10.OFPQ_ALL);
  return await statsEntries(conn, request) as QueueStatsEntry[];
}

/**
 * The ports' descriptions (1.3 PORT_DESC; 1.0 the FEATURES_REPLY's port list).
 *
 * @param conn The switch (1.0 or 1.3).
 * @returns The ports.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function portDesc(conn: SwitchConnection): Promise<PortDescEntry[]> {
  if (v13(conn)) return await statsEntries(conn, of13.portDescRequest()) as Of13Port[];
  const reply = await conn.transact(of10.featuresRequest());
  return reply.type === "FEATURES_REPLY" && reply.version === 1 ? reply.ports : [];
}

function need13(conn: SwitchConnection, what: string): void {
  if (!v13(conn)) {
    throw new TypeError(`Cannot read ${what}: OpenFlow 1.0 has no groups or meters`);
  }
}

/**
 * Group counters (1.3).
 *
 * @param conn The switch.
 * @param groupId The group; default all.
 * @returns The entries.
 * @throws {TypeError} On an OpenFlow 1.0 connection.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function groupStats(
  conn: SwitchConnection,
  groupId: number = of13.OFPG.ALL,
): Promise<Of13GroupStats[]> {
  need13(conn, "group stats");
  return await statsEntries(conn, of13.groupStatsRequest(groupId)) as Of13GroupStats[];
}

/**
 * Group descriptions (1.3): type and buckets of every group.
 *
 * @param conn The switch.
 * @returns The entries.
 * @throws {TypeError} On an OpenFlow 1.0 connection.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function groupDesc(conn: SwitchConnection): Promise<Of13GroupDesc[]> {
  need13(conn, "group descriptions");
  return await statsEntries(conn, of13.groupDescRequest()) as Of13GroupDesc[];
}

/**
 * Meter counters (1.3).
 *
 * @param conn The switch.
 * @param meterId The meter; default all.
 * @returns The entries.
 * @throws {TypeError} On an OpenFlow 1.0 connection.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function meterStats(
  conn: SwitchConnection,
  meterId: number = of13.OFPM.ALL,
): Promise<Of13MeterStats[]> {
  need13(conn, "meter stats");
  return await statsEntries(conn, of13.meterStatsRequest(meterId)) as Of13MeterStats[];
}

/**
 * Meter configurations (1.3).
 *
 * @param conn The switch.
 * @param meterId The meter; default all.
 * @returns The entries.
 * @throws {TypeError} On an OpenFlow 1.0 connection.
 * @throws {SwitchError} If the switch refuses the request.
 */
export async function meterConfig(
  conn: SwitchConnection,
  meterId: number = of13.OFPM.ALL,
): Promise<Of13MeterConfig[]> {
  need13(conn, "meter configurations");
  return await statsEntries(conn, of13.meterConfigRequest(meterId)) as Of13MeterConfig[];
}
