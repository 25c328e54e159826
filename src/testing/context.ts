/**
 * What a switch test receives: the switch under test, its data plane, and OFTest's helpers
 * with better names.
 *
 * @module
 */
import type { Controller, SwitchConnection } from "../controller/mod.ts";
import type { OfpMessage } from "../ofp/mod.ts";
import type { Of10Error, Of10FlowStats, Of13Error, Of13FlowStats } from "../ofp/mod.ts";
import { atCallSite, callSite } from "../_call_site.ts";
import { SwitchAssertionError } from "./assertion.ts";
import type { DataPlane } from "./dataplane.ts";
import { type ErrorMessage, errorText, ErrorWatch } from "./_error_watch.ts";
import { dialectOf } from "./_dialect.ts";
import { type PacketIn, type PacketInExpectation, waitForPacketIn } from "./packet_in.ts";
import { portConfig, setPortConfig } from "./port_config.ts";
import * as stats from "./stats.ts";
import type { SessionInfo, SessionVersion, SwitchSession } from "./session.ts";

/** How long the helpers wait, in milliseconds. */
export interface HelperTimeouts {
  /** For something that must come (a frame, a packet-in). Default 2000. */
  positive: number;
  /** For something that must not come. Default 200. */
  negative: number;
}

/** The flow entry type of a version. */
export type FlowStatsOf<V extends SessionVersion> = V extends 4 ? Of13FlowStats
  : Of10FlowStats;

/**
 * The context of one switch test: the session's switch, reset before the test, and helpers.
 * Failures throw errors whose stack points at the test's line.
 *
 * @typeParam V The OpenFlow version the test runs with (1 or 4).
 */
export class SwitchTestContext<V extends SessionVersion = SessionVersion> {
  /** The test's name. */
  readonly name: string;
  /** The OpenFlow version of this run of the test. */
  readonly version: V;
  /** The connection to the switch under test. */
  readonly conn: SwitchConnection;
  /** The controller it is connected to. */
  readonly controller: Controller;
  /** Frames into and out of the switch's ports. */
  readonly dataPlane: DataPlane;
  /** The data ports the test may use (at least as many as it asked for). */
  readonly ports: readonly number[];
  /** What the switch is. */
  readonly target: SessionInfo;
  /** How long the helpers wait. */
  readonly timeouts: HelperTimeouts;
  readonly #session: SwitchSession;
  readonly #errors: ErrorWatch;

  /**
   * Creates the context (the test runner does this; tests receive it).
   *
   * @param name The test's name.
   * @param session The session, already reset.
   * @param timeouts How long the helpers wait.
   */
  constructor(name: string, session: SwitchSession, timeouts: Partial<HelperTimeouts> = {}) {
    this.name = name;
    this.#session = session;
    this.version = session.version as V;
    this.conn = session.conn;
    this.controller = session.controller;
    this.dataPlane = session.dataPlane;
    this.ports = session.ports;
    this.target = session.info;
    this.timeouts = { positive: timeouts.positive ?? 2000, negative: timeouts.negative ?? 200 };
    this.#errors = new ErrorWatch(session.conn);
  }

  /** Stops watching the switch's errors (the runner calls it after the test). */
  dispose(): void {
    this.#errors.close();
  }

  // --- The control channel ---

  /**
   * Waits for a barrier, then fails if the switch sent an error since the previous barrier
   * (a refused FLOW_MOD would otherwise go unnoticed: the barrier itself succeeds).
   *
   * @throws {SwitchAssertionError} Listing the errors the switch sent.
   * @throws {SwitchError} If the switch refuses the barrier itself.
   */
  async barrier(): Promise<void> {
    const site = callSite();
    await this.conn.barrier();
    this.#throwErrors(this.#errors.take(), site);
  }

  /**
   * Fails if the switch sent an error since the previous barrier (after one more barrier, so
   * errors in flight arrive). OFTest had no such check.
   *
   * @throws {SwitchAssertionError} Listing the errors.
   */
  async verifyNoErrors(): Promise<void> {
    const site = callSite();
    await this.conn.barrier();
    this.#throwErrors(this.#errors.take(), site);
  }

  /**
   * Sends messages (FLOW_MOD, GROUP_MOD, METER_MOD...), then a barrier; fails if the switch
   * refused any of them (OFTest's `flow_msg_install` / `do_barrier`).
   *
   * @param messages The messages, in order.
   * @throws {SwitchAssertionError} If the switch sent an error.
   */
  async install(...messages: OfpMessage[]): Promise<void> {
    const site = callSite();
    for (const msg of messages) this.conn.send(msg);
    await this.conn.barrier();
    this.#throwErrors(this.#errors.take(), site);
  }

  /**
   * Sends a message the switch must refuse, and returns the error it sent.
   *
   * @param message The message.
   * @param expected The error type and (optionally) code it must carry.
   * @returns The ERROR message.
   * @throws {SwitchAssertionError} If no error came, or one with another type or code.
   */
  async verifyError(
    message: OfpMessage | Uint8Array,
    expected: { type: number; code?: number },
  ): Promise<Of10Error | Of13Error> {
    const site = callSite();
    const xid = this.conn.send(message)!;
    await this.conn.barrier();
    const [error, ...others] = this.#errors.takeXid(xid);
    const want = `type ${expected.type}${
      expected.code === undefined ? "" : `, code ${expected.code}`
    }`;
    if (!error) {
      throw atCallSite(
        new SwitchAssertionError(`Expected an error (${want}) for xid ${xid}, got none`, {
          expected,
        }),
        site,
      );
    }
    if (
      error.errType !== expected.type ||
      (expected.code !== undefined && error.code !== expected.code)
    ) {
      throw atCallSite(
        new SwitchAssertionError(`Expected an error (${want}), got ${errorText(error)}`, {
          expected,
          actual: error,
        }),
        site,
      );
    }
    this.#throwErrors([...others, ...this.#errors.take()], site);
    return error;
  }

  /** Deletes every flow of every table, then waits for a barrier. */
  async deleteAllFlows(): Promise<void> {
    await this.install(dialectOf(this.version).deleteAllFlows());
  }

  /** Deletes every group (1.3; nothing on 1.0), then waits for a barrier. */
  async deleteAllGroups(): Promise<void> {
    const msg = dialectOf(this.version).deleteAllGroups();
    if (msg) await this.install(msg);
  }

  /** Deletes every meter (1.3; nothing on 1.0), then waits for a barrier. */
  async deleteAllMeters(): Promise<void> {
    const msg = dialectOf(this.version).deleteAllMeters();
    if (msg) await this.install(msg);
  }

  // --- The data plane ---

  /**
   * Sends a frame into the switch through a port, after making sure the switch's datapath
   * follows every flow change sent before (barrier, then e.g. Open vSwitch's cache purge).
   *
   * @param port The port.
   * @param frame The frame.
   * @throws {SwitchAssertionError} If the switch sent an error since the previous barrier.
   */
  async send(port: number, frame: Uint8Array): Promise<void> {
    const site = callSite();
    await this.#session.settle();
    this.#throwErrors(this.#errors.take(), site);
    await this.dataPlane.send(port, frame);
  }

  /**
   * Expects `frame` out of each of `ports` and no frame out of any other port (OFTest's
   * `verify_packets`).
   *
   * @param frame The expected frame.
   * @param ports The ports; empty: the frame must be dropped.
   * @throws {DataPlaneAssertionError} With the differing fields and both frames.
   */
  async verifyPackets(frame: Uint8Array, ports: readonly number[]): Promise<void> {
    await this.dataPlane.verifyPackets(frame, ports, this.timeouts.positive);
  }

  /**
   * Expects `frame` out of `port` (OFTest's `verify_packet`).
   *
   * @param frame The expected frame.
   * @param port The port.
   * @throws {DataPlaneAssertionError} With the differing fields and both frames.
   */
  async verifyPacket(frame: Uint8Array, port: number): Promise<void> {
    await this.dataPlane.verifyPacket(port, frame, this.timeouts.positive);
  }

  /**
   * Expects no frame (or no copy of `frame`) out of `port` (OFTest's `verify_no_packet`).
   *
   * @param port The port.
   * @param frame If given, only this frame counts.
   * @throws {DataPlaneAssertionError} If one came.
   */
  async verifyNoPacket(port: number, frame?: Uint8Array): Promise<void> {
    await this.dataPlane.verifyNoPacket(port, frame, this.timeouts.negative);
  }

  /**
   * Expects no frame out of any port (OFTest's `verify_no_other_packets`).
   *
   * @throws {DataPlaneAssertionError} If one came.
   */
  async verifyNoOtherPackets(): Promise<void> {
    await this.dataPlane.verifyNoOtherPackets(this.timeouts.negative);
  }

  // --- Packet-ins ---

  /**
   * Expects a packet-in meeting `expected` (OFTest's `verify_packet_in`): the frame (by
   * default compared as OFTest does, allowing truncation and zero padding), the ingress port,
   * the reason, and in 1.3 the table and cookie.
   *
   * @param expected What it must carry, or just the frame.
   * @returns The packet-in.
   * @throws {SwitchAssertionError} With why each packet-in that came did not match.
   */
  async verifyPacketIn(expected: PacketInExpectation | Uint8Array): Promise<PacketIn> {
    const site = callSite();
    const want = expected instanceof Uint8Array ? { frame: expected } : expected;
    const { found, misses } = await waitForPacketIn(this.conn, want, this.timeouts.positive);
    if (found) return found;
    throw atCallSite(
      new SwitchAssertionError(
        `Expected a packet-in within ${this.timeouts.positive} ms` +
          (misses.length === 0
            ? ", got none"
            : `; ${misses.length} came that did not match:\n${misses.join("\n")}`),
        { expected: want },
      ),
      site,
    );
  }

  /**
   * Expects no packet-in (or none meeting `expected`) (OFTest's `verify_no_packet_in`).
   *
   * @param expected If given, only matching packet-ins count.
   * @throws {SwitchAssertionError} If one came.
   */
  async verifyNoPacketIn(expected: PacketInExpectation = {}): Promise<void> {
    const site = callSite();
    const { found } = await waitForPacketIn(this.conn, expected, this.timeouts.negative);
    if (found) {
      throw atCallSite(
        new SwitchAssertionError(
          `Expected no packet-in, got one (in_port ${
            dialectOf(found.version).inPortOf(found)
          }, reason ${found.reason}, ${found.data.length} bytes)`,
          { actual: found },
        ),
        site,
      );
    }
  }

  // --- Statistics and configuration ---

  /**
   * Every flow entry the filter selects.
   *
   * @param filter Which flows. Default all.
   * @returns The entries.
   */
  async flowStats(filter?: stats.FlowFilter): Promise<FlowStatsOf<V>[]> {
    return await stats.flowStats(this.conn, filter) as FlowStatsOf<V>[];
  }

  /**
   * Packet, byte and flow counts over the flows the filter selects.
   *
   * @param filter Which flows. Default all.
   * @returns The aggregate.
   */
  aggregateStats(filter?: stats.FlowFilter): Promise<stats.AggregateStats> {
    return stats.aggregateStats(this.conn, filter);
  }

  /** Every table's counters. @returns The entries. */
  tableStats(): Promise<stats.TableStatsEntry[]> {
    return stats.tableStats(this.conn);
  }

  /**
   * Port counters.
   *
   * @param port One port; default all.
   * @returns The entries.
   */
  portStats(port?: number): Promise<stats.PortStatsEntry[]> {
    return stats.portStats(this.conn, port);
  }

  /**
   * Queue counters.
   *
   * @param port One port; default all.
   * @param queueId One queue; default all.
   * @returns The entries.
   */
  queueStats(port?: number, queueId?: number): Promise<stats.QueueStatsEntry[]> {
    return stats.queueStats(this.conn, port, queueId);
  }

  /** Group counters (1.3). @param groupId One group; default all. @returns The entries. */
  groupStats(groupId?: number): ReturnType<typeof stats.groupStats> {
    return stats.groupStats(this.conn, groupId);
  }

  /** Group descriptions (1.3). @returns The entries. */
  groupDesc(): ReturnType<typeof stats.groupDesc> {
    return stats.groupDesc(this.conn);
  }

  /** Meter counters (1.3). @param meterId One meter; default all. @returns The entries. */
  meterStats(meterId?: number): ReturnType<typeof stats.meterStats> {
    return stats.meterStats(this.conn, meterId);
  }

  /** Meter configurations (1.3). @param meterId One meter; default all. @returns The entries. */
  meterConfig(meterId?: number): ReturnType<typeof stats.meterConfig> {
    return stats.meterConfig(this.conn, meterId);
  }

  /**
   * A port's description (`config`, `state`, `hwAddr`...) (OFTest's `port_config_get`).
   *
   * @param port The port.
   * @returns Its description.
   */
  portConfig(port: number): Promise<stats.PortDescEntry> {
    return portConfig(this.conn, port);
  }

  /**
   * Sets configuration bits of a port (OFTest's `port_config_set`); the session restores
   * every port's configuration after the test.
   *
   * @param port The port.
   * @param config New values of the bits in `mask` (`OFPPC`).
   * @param mask Which bits change.
   * @throws {SwitchAssertionError} If the switch refused the PORT_MOD.
   */
  async setPortConfig(port: number, config: number, mask: number): Promise<void> {
    const site = callSite();
    await this.#session.rememberPort(port);
    await setPortConfig(this.conn, port, config, mask);
    this.#throwErrors(this.#errors.take(), site);
  }

  #throwErrors(errors: ErrorMessage[], site: string): void {
    if (errors.length === 0) return;
    throw atCallSite(
      new SwitchAssertionError(
        `The switch sent ${errors.length} error(s): ${errors.map(errorText).join("; ")}`,
        { actual: errors },
      ),
      site,
    );
  }
}
