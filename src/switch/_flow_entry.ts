// One flow entry: its match, priority, program, timeouts, flags and counters, plus the wire
// form it was installed with (what flow stats and FLOW_REMOVED report).
import type { Of10Action, Of10Match, Of13Instruction, Of13Match } from "../ofp/mod.ts";
import type { FlowMatch } from "./_match.ts";
import type { Program } from "./_program.ts";

/** The flow as the controller sent it, in its version. */
export type WireFlow =
  | { version: 1; match: Of10Match; actions: Of10Action[] }
  | { version: 4; match: Of13Match; instructions: Of13Instruction[] };

/** What a flow-mod ADD gives a new entry. */
export interface FlowSpec {
  tableId: number;
  priority: number;
  cookie: bigint;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  match: FlowMatch;
  program: Program;
  wire: WireFlow;
}

/** A flow entry in a table. */
export class FlowEntry {
  readonly tableId: number;
  readonly priority: number;
  readonly match: FlowMatch;
  readonly cookie: bigint;
  idleTimeout: number;
  hardTimeout: number;
  flags: number;
  program: Program;
  wire: WireFlow;
  packets = 0;
  bytes = 0;
  /** When it was added (ms, monotonic). */
  created: number;
  /** When a packet last matched it (ms, monotonic). */
  lastUsed: number;
  /** What packet-ins it causes carry (table, cookie, table-miss), made on first use. */
  ctx: { tableId: number; cookie: bigint; tableMiss: boolean } | undefined = undefined;

  constructor(spec: FlowSpec, now: number) {
    this.tableId = spec.tableId;
    this.priority = spec.priority;
    this.match = spec.match;
    this.cookie = spec.cookie;
    this.idleTimeout = spec.idleTimeout;
    this.hardTimeout = spec.hardTimeout;
    this.flags = spec.flags;
    this.program = spec.program;
    this.wire = spec.wire;
    this.created = now;
    this.lastUsed = now;
  }

  /** Counts a matching packet. */
  hit(bytes: number, now: number): void {
    this.packets++;
    this.bytes += bytes;
    this.lastUsed = now;
  }

  /** Seconds and nanoseconds alive. */
  duration(now: number): [sec: number, nsec: number] {
    const ms = Math.max(0, now - this.created);
    const sec = Math.floor(ms / 1000);
    return [sec, Math.floor((ms - sec * 1000) * 1e6)];
  }

  /** Whether a timeout has passed: the `OFPRR` reason, or -1. */
  expired(now: number): number {
    if (this.hardTimeout > 0 && now - this.created >= this.hardTimeout * 1000) return 1;
    if (this.idleTimeout > 0 && now - this.lastUsed >= this.idleTimeout * 1000) return 0;
    return -1;
  }

  /** Whether it outputs to `port` (out_port filters; ANY matches every flow). */
  outputsTo(port: number, any: number): boolean {
    return port === any || this.program.outputs.includes(port);
  }

  /** Whether it sends to `group` (out_group filters; ANY matches every flow). */
  sendsTo(group: number, any: number): boolean {
    return group === any || this.program.groups.includes(group);
  }
}
