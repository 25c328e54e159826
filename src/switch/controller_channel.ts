/**
 * The public view of one controller connection of the reference switch.
 *
 * @module
 */
import type { Address } from "../controller/transport.ts";
import type { Faults, FloodOptions, MalformedKind, PacketInFlood } from "./faults.ts";

/** Where a controller connection is: exchanging HELLO, ready for requests, or closed. */
export type ChannelState = "hello" | "ready" | "closed";

/** The controller role of a connection (OpenFlow 1.3 §6.3.7; 1.0 connections are `"equal"`). */
export type ChannelRole = "equal" | "master" | "slave";

/** What a connection has done, at one instant. */
export interface ChannelCounters {
  /** Messages received from the controller. */
  received: number;
  /** Messages written to the controller. */
  sent: number;
  /** Replies dropped by the `dropReplies` fault. */
  dropped: number;
  /** Replies held by the `delayReplies` fault. */
  delayed: number;
  /** Replies sent broken by the `malformReplies` fault or `sendMalformed`. */
  malformed: number;
  /** ERROR messages sent. */
  errors: number;
}

/**
 * One controller connection as the switch sees it: its version, role and counters, and its
 * fault modes, switchable at run time.
 *
 * @example
 * ```ts ignore
 * const channel = await sw.nextChannel();
 * channel.setFaults({ delayReplies: 500 });
 * ```
 */
export interface ControllerChannel {
  /** Connection number within the switch (1, 2, ...). */
  readonly id: number;
  /** The controller's address. */
  readonly remote: Address;
  /** The switch's end of the connection. */
  readonly local: Address;
  /** Whether the connection is TLS. */
  readonly tls: boolean;
  /** Negotiated OpenFlow version (0 until the HELLO exchange is done). */
  readonly version: number;
  /** Where the connection is. */
  readonly state: ChannelState;
  /** The controller's role. */
  readonly role: ChannelRole;
  /** Resolves once the HELLO exchange has agreed on a version; rejects if it failed. */
  readonly ready: Promise<ControllerChannel>;
  /** Resolves when the connection has closed. */
  readonly closed: Promise<void>;
  /** What the connection has done so far. */
  readonly counters: ChannelCounters;
  /** The fault modes in force. */
  readonly faults: Readonly<Faults>;
  /**
   * Replaces the fault modes of this connection (takes effect for the next message).
   *
   * @param faults The new fault modes; `{}` turns every fault off.
   * @throws {RangeError} On a bad delay or part count.
   * @throws {TypeError} On an unknown malformed kind or close point.
   */
  setFaults(faults: Faults): void;
  /**
   * Writes one broken frame now, outside any exchange.
   *
   * @param kind How it is broken.
   * @returns Resolves once the frame is written.
   */
  sendMalformed(kind: MalformedKind): Promise<void>;
  /**
   * Sends packet-ins as fast as the connection takes them (OFPR_NO_MATCH, not buffered).
   *
   * @param options How many, which frame, which in_port.
   * @returns The running flood.
   * @throws {RangeError} On a count that is not a positive integer.
   */
  floodPacketIns(options?: FloodOptions): PacketInFlood;
  /**
   * Closes the connection after its pending writes. Idempotent.
   *
   * @returns Resolves once it is closed.
   */
  close(): Promise<void>;
}
