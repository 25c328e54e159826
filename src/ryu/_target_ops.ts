// The OpenFlow side of Ryu's tester against the target switch, for 1.0 and 1.3: clean
// state, install-and-confirm, and the stats the checks read (ports, tables, flows, groups,
// meters). Failures carry Ryu's messages (tester.py's MSG table).
import { of10, of13 } from "../ofp/mod.ts";
import type {
  Of10FlowStats,
  Of13FlowStats,
  Of13GroupDesc,
  Of13MeterConfig,
  OfpMessage,
} from "../ofp/mod.ts";
import {
  ConnectionClosedError,
  type SwitchConnection,
  SwitchError,
  TransactionTimeoutError,
} from "../controller/mod.ts";
import { errorText, TestFailure } from "./_failure.ts";

/** rx/tx packet counters of one port. */
export interface PortCount {
  rx: bigint;
  tx: bigint;
}

/** lookup/matched counters of one table. */
export interface TableCount {
  lookup: bigint;
  matched: bigint;
}

/** Stats and installs against the target, with Ryu's failure messages. */
export class TargetOps {
  constructor(readonly conn: SwitchConnection, readonly timeout: number) {}

  get version(): number {
    return this.conn.version;
  }

  /** Runs `op`, turning transport failures into Ryu's messages for `what`. */
  async #guard<T>(what: string, op: () => Promise<T>, timeoutText: string): Promise<T> {
    try {
      return await op();
    } catch (e) {
      if (e instanceof TestFailure) throw e;
      if (e instanceof ConnectionClosedError) {
        throw new TestFailure("Disconnected from switch", e.message, { cause: e });
      }
      if (e instanceof TransactionTimeoutError) {
        throw new TestFailure(what, timeoutText, { cause: e });
      }
      if (e instanceof SwitchError) {
        throw new TestFailure(what, errorText(this.version, e.errType, e.code), { cause: e });
      }
      throw e;
    }
  }

  /** Ryu's STATE_INIT_*: deletes every meter and group (errors ignored, as Ryu does) and every flow. */
  async initialize(): Promise<void> {
    const c = this.conn;
    await this.#guard("Failed to initialize flow tables", async () => {
      if (this.version === 4) {
        c.send(of13.meterMod({ command: of13.OFPMC.DELETE, flags: 0, meterId: of13.OFPM.ALL }));
        c.send(of13.groupMod({ command: of13.OFPGC.DELETE, groupType: 0, groupId: of13.OFPG.ALL }));
        const xid = c.send(of13.flowDeleteAll({ outPort: of13.OFPP.ANY, outGroup: of13.OFPG.ANY }));
        await this.#barrierAndCheck(xid, "Failed to initialize flow tables");
      } else {
        const xid = c.send(of10.flowDeleteAll());
        await this.#barrierAndCheck(xid, "Failed to initialize flow tables");
      }
    }, "barrier request timeout.");
    // Errors for the meter and group deletes (a switch without meters or groups) are dropped.
    c.clearQueue();
  }

  /** Sends `msg`, a barrier, and fails with the switch's error reply to `msg` if one came. */
  async #barrierAndCheck(xid: number | undefined, what: string): Promise<void> {
    await this.conn.barrier({ timeout: this.timeout });
    const err = await this.conn.poll(
      (m) => m.type === "ERROR" && m.xid === xid,
      { timeout: 0 },
    ) as (OfpMessage & { errType: number; code: number }) | undefined;
    if (err) throw new TestFailure(what, errorText(this.version, err.errType, err.code));
  }

  /** Ryu's STATE_*_INSTALL: `msg`, then a barrier; an error reply fails the test. */
  install(msg: OfpMessage, what: string): Promise<void> {
    return this.#guard(what, async () => {
      const xid = this.conn.send(msg);
      await this.#barrierAndCheck(xid, what);
    }, "barrier request timeout.");
  }

  async #multipart(request: OfpMessage, what: string, timeoutText: string): Promise<unknown[]> {
    const parts = await this.#guard(
      what,
      () => this.conn.transactMultipart(request, { timeout: this.timeout }),
      timeoutText,
    );
    return parts.flatMap((p) => {
      const body = (p as { body?: { entries?: unknown[] } }).body;
      return body?.entries ?? [];
    });
  }

  /** Every flow entry (all tables). */
  async flows(): Promise<Of13FlowStats[] | Of10FlowStats[]> {
    const req = this.version === 4 ? of13.flowStatsRequest() : of10.flowStatsRequest();
    return await this.#multipart(req, "Failed to add flows", "flow stats request timeout.") as
      | Of13FlowStats[]
      | Of10FlowStats[];
  }

  /** Every group description (1.3). */
  async groups(): Promise<Of13GroupDesc[]> {
    return await this.#multipart(
      of13.groupDescRequest(),
      "Failed to add groups",
      "group desc stats request timeout.",
    ) as Of13GroupDesc[];
  }

  /** Every meter configuration (1.3). */
  async meters(): Promise<Of13MeterConfig[]> {
    return await this.#multipart(
      of13.meterConfigRequest(),
      "Failed to add meters",
      "meter config stats request timeout.",
    ) as Of13MeterConfig[];
  }

  /** rx/tx packets per port. */
  async ports(): Promise<Map<number, PortCount>> {
    const req = this.version === 4 ? of13.portStatsRequest() : of10.portStatsRequest();
    const entries = await this.#multipart(
      req,
      "Failed to request port stats from target",
      "request timeout.",
    ) as { portNo: number; rxPackets: bigint; txPackets: bigint }[];
    return new Map(entries.map((e) => [e.portNo, { rx: e.rxPackets, tx: e.txPackets }]));
  }

  /** lookup/matched counts per table. */
  async tables(): Promise<Map<number, TableCount>> {
    const req = this.version === 4 ? of13.tableStatsRequest() : of10.tableStatsRequest();
    const entries = await this.#multipart(
      req,
      "Failed to request table stats",
      "request timeout.",
    ) as { tableId: number; lookupCount: bigint; matchedCount: bigint }[];
    return new Map(
      entries.map((e) => [e.tableId, { lookup: e.lookupCount, matched: e.matchedCount }]),
    );
  }
}
