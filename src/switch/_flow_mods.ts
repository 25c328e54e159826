// FLOW_MOD: add, modify and delete, strict and not, with cookies, out_port/out_group filters,
// CHECK_OVERLAP, RESET_COUNTS and buffered packets (OpenFlow 1.3 §6.4, 1.0 §4.6).
import { of10, of13 } from "../ofp/mod.ts";
import type { Of10FlowMod, Of13FlowMod } from "../ofp/mod.ts";
import { compileActions10 } from "./_actions.ts";
import type { Datapath } from "./_datapath.ts";
import { FlowEntry, type WireFlow } from "./_flow_entry.ts";
import { compileOf10, compileOxm, type FlowMatch, isExact10, port10to13 } from "./_match.ts";
import { Packet } from "./_packet.ts";
import { runPipeline } from "./_pipeline.ts";
import { actionsProgram, compileInstructions, type Program } from "./_program.ts";
import { refuse } from "./_refusal.ts";

const { OFPFC, OFPRR, OFPTT, OFPP, OFPG, OFP_NO_BUFFER } = of13;
const ALL_COOKIES = 0xffffffffffffffffn;

/** A flow-mod in either version, reduced to what the table operations need. */
interface Request {
  version: 1 | 4;
  command: number;
  tableId: number;
  priority: number;
  cookie: bigint;
  cookieMask: bigint;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  bufferId: number;
  outPort: number;
  outGroup: number;
  match: FlowMatch;
  /** Compiles the instructions (only ADD and MODIFY need them). */
  program(tableId: number): Program;
  wire: WireFlow;
}

/** Applies an OpenFlow 1.3 FLOW_MOD. @throws {Refusal} */
export function flowMod13(dp: Datapath, m: Of13FlowMod): void {
  const known = of13.OFPFF.SEND_FLOW_REM | of13.OFPFF.CHECK_OVERLAP | of13.OFPFF.RESET_COUNTS |
    of13.OFPFF.NO_PKT_COUNTS | of13.OFPFF.NO_BYT_COUNTS;
  if ((m.flags & ~known) !== 0) {
    throw refuse(
      "FLOW_MOD_FAILED",
      "BAD_FLAGS",
      `Flow-mod flags 0x${m.flags.toString(16)} are unknown`,
    );
  }
  const match = compileOxm(m.match);
  run(dp, {
    version: 4,
    command: m.command,
    tableId: m.tableId,
    priority: m.priority,
    cookie: m.cookie,
    cookieMask: m.cookieMask,
    idleTimeout: m.idleTimeout,
    hardTimeout: m.hardTimeout,
    flags: m.flags,
    bufferId: m.bufferId,
    outPort: m.outPort,
    outGroup: m.outGroup,
    match,
    program: (tableId) =>
      compileInstructions(m.instructions, tableId, m.match, {
        nTables: dp.tables.length,
        hasPort: (p) => dp.ports.has(p),
        hasGroup: (g) => dp.groups.has(g),
        hasMeter: (id) => dp.meters.has(id),
      }),
    wire: { version: 4, match: m.match, instructions: m.instructions },
  });
}

/** Applies an OpenFlow 1.0 FLOW_MOD. @throws {Refusal} */
export function flowMod10(dp: Datapath, m: Of10FlowMod): void {
  if ((m.flags & of10.OFPFF.EMERG) !== 0) {
    // There is no emergency table: refused as a table with no room.
    if (m.idleTimeout !== 0 || m.hardTimeout !== 0) {
      throw refuse("FLOW_MOD_FAILED", "BAD_TIMEOUT", "An emergency flow cannot have timeouts");
    }
    throw refuse("FLOW_MOD_FAILED", "TABLE_FULL", "This switch has no emergency flow table");
  }
  const match = compileOf10(m.match);
  const isAdd = m.command === OFPFC.ADD || m.command === OFPFC.MODIFY ||
    m.command === OFPFC.MODIFY_STRICT;
  const strict = m.command === OFPFC.MODIFY_STRICT || m.command === OFPFC.DELETE_STRICT;
  run(dp, {
    version: 1,
    command: m.command,
    tableId: 0,
    // OpenFlow 1.0 §3.4: an exact-match entry outranks every wildcarded one (as Open vSwitch).
    priority: isExact10(m.match) && (isAdd || strict) ? 0xffff : m.priority,
    cookie: m.cookie,
    // OpenFlow 1.0 has no cookie mask: modify and delete ignore cookies.
    cookieMask: 0n,
    idleTimeout: m.idleTimeout,
    hardTimeout: m.hardTimeout,
    flags: m.flags,
    bufferId: m.bufferId,
    outPort: m.outPort === of10.OFPP.NONE ? OFPP.ANY : port10to13(m.outPort),
    outGroup: OFPG.ANY,
    match,
    program: () =>
      actionsProgram(
        compileActions10(
          m.actions,
          { hasPort: (p) => dp.ports.has(p), hasGroup: () => false },
          (port, q) => dp.ports.get(port)?.queues.has(q) ?? false,
        ),
      ),
    wire: { version: 1, match: m.match, actions: m.actions },
  });
}

function run(dp: Datapath, r: Request): void {
  switch (r.command) {
    case OFPFC.ADD:
      return add(dp, r);
    case OFPFC.MODIFY:
    case OFPFC.MODIFY_STRICT:
      return modify(dp, r, r.command === OFPFC.MODIFY_STRICT);
    case OFPFC.DELETE:
    case OFPFC.DELETE_STRICT:
      return remove(dp, r, r.command === OFPFC.DELETE_STRICT);
    default:
      throw refuse("FLOW_MOD_FAILED", "BAD_COMMAND", `Flow-mod command ${r.command} is unknown`);
  }
}

function checkTable(dp: Datapath, tableId: number): void {
  if (tableId >= dp.tables.length) {
    throw refuse(
      "FLOW_MOD_FAILED",
      "BAD_TABLE_ID",
      `Table ${tableId === OFPTT.ALL ? "ALL" : tableId} is not a table of this switch (0 to ${
        dp.tables.length - 1
      })`,
    );
  }
}

function add(dp: Datapath, r: Request): void {
  checkTable(dp, r.tableId);
  const table = dp.tables[r.tableId];
  const program = r.program(r.tableId);
  const same = table.findStrict(r.match, r.priority);
  if ((r.flags & of13.OFPFF.CHECK_OVERLAP) !== 0) {
    for (const e of table.entries()) {
      if (e.priority === r.priority && e.match.overlaps(r.match)) {
        throw refuse(
          "FLOW_MOD_FAILED",
          "OVERLAP",
          `The flow overlaps a flow of priority ${r.priority}`,
        );
      }
    }
  }
  if (!same && table.size >= table.maxEntries) {
    throw refuse(
      "FLOW_MOD_FAILED",
      "TABLE_FULL",
      `Table ${r.tableId} holds ${table.maxEntries} flows`,
    );
  }
  // An identical entry is replaced, its counters and duration with it (§6.4), silently.
  if (same) {
    table.remove(same);
    dp.timed.delete(same);
  }
  const entry = new FlowEntry({
    tableId: r.tableId,
    priority: r.priority,
    cookie: r.cookie,
    idleTimeout: r.idleTimeout,
    hardTimeout: r.hardTimeout,
    flags: r.flags,
    match: r.match,
    program,
    wire: r.wire,
  }, dp.now());
  dp.install(entry);
  releaseBuffer(dp, r.bufferId);
}

function cookieMatches(e: FlowEntry, r: Request): boolean {
  return (e.cookie & r.cookieMask) === (r.cookie & r.cookieMask);
}

function select(dp: Datapath, r: Request, strict: boolean, filterOut: boolean): FlowEntry[] {
  const tables = r.tableId === OFPTT.ALL ? dp.tables : [dp.tables[r.tableId]];
  const out: FlowEntry[] = [];
  for (const t of tables) {
    if (strict) {
      const e = t.findStrict(r.match, r.priority);
      if (e) out.push(e);
    } else {
      for (const e of t.entries()) if (e.match.within(r.match)) out.push(e);
    }
  }
  return out.filter((e) =>
    cookieMatches(e, r) &&
    (!filterOut || (e.outputsTo(r.outPort, OFPP.ANY) && e.sendsTo(r.outGroup, OFPG.ANY)))
  );
}

function modify(dp: Datapath, r: Request, strict: boolean): void {
  checkTable(dp, r.tableId);
  const program = r.program(r.tableId);
  const entries = select(dp, r, strict, false);
  if (entries.length === 0) {
    // OpenFlow 1.0 §4.6: a modify that matches nothing adds; 1.1 and later do nothing.
    if (r.version === 1) add(dp, { ...r, program: () => program });
    else releaseBuffer(dp, r.bufferId);
    return;
  }
  for (const e of entries) {
    e.program = program;
    e.wire = r.wire.version === 4 && e.wire.version === 4
      ? { ...e.wire, instructions: r.wire.instructions }
      : r.wire.version === 1 && e.wire.version === 1
      ? { ...e.wire, actions: r.wire.actions }
      : e.wire;
    if ((r.flags & of13.OFPFF.RESET_COUNTS) !== 0 && r.version === 4) {
      e.packets = 0;
      e.bytes = 0;
    }
  }
  releaseBuffer(dp, r.bufferId);
}

function remove(dp: Datapath, r: Request, strict: boolean): void {
  if (r.tableId !== OFPTT.ALL) checkTable(dp, r.tableId);
  for (const e of select(dp, r, strict, true)) dp.uninstall(e, OFPRR.DELETE);
}

/** Sends a buffered packet through the pipeline, as if it had just arrived. */
function releaseBuffer(dp: Datapath, bufferId: number): void {
  if (bufferId === OFP_NO_BUFFER) return;
  const { frame, inPort } = dp.buffers.take(bufferId);
  runPipeline(dp, new Packet(frame, inPort), 0);
}

/** Removes every flow that sends to one of `groups` (a group was deleted). */
export function removeGroupFlows(dp: Datapath, groups: readonly number[]): void {
  if (groups.length === 0) return;
  for (const e of [...dp.entries()]) {
    if (e.program.groups.some((g) => groups.includes(g))) dp.uninstall(e, OFPRR.GROUP_DELETE);
  }
}

/** Removes every flow metered by one of `meters` (a meter was deleted). */
export function removeMeterFlows(dp: Datapath, meters: readonly number[]): void {
  if (meters.length === 0) return;
  for (const e of [...dp.entries()]) {
    if (meters.includes(e.program.meter)) dp.uninstall(e, OFPRR.DELETE);
  }
}

export { ALL_COOKIES };
