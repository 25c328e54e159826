/**
 * Message and byte counters, readable at any time without a round trip: what the socket
 * worker counts (bytes, socket and framing errors) in a `SharedArrayBuffer` it updates with
 * `Atomics`, what the main thread counts (messages) in plain numbers beside it.
 *
 * @module
 */

/** The counters of one connection, or the totals of a controller, at one instant. */
export interface CounterSnapshot {
  /** Messages received whole (framed) from the switch. */
  received: number;
  /** Messages consumed by a transaction, the keep-alive echo reply or a handler returning true. */
  handled: number;
  /** Messages put in the poll queue (or handed straight to a waiting `poll`). */
  queued: number;
  /** Messages dropped from a full poll queue to make room (oldest first). */
  expired: number;
  /** Frames that could not be framed or decoded (logged with a hex dump). */
  parseErrors: number;
  /** Socket read or write failures. */
  socketErrors: number;
  /** PACKET_IN messages received, including those the limiter dropped. */
  packetIns: number;
  /** PACKET_IN messages dropped by the packet-in limiter. */
  packetInsDropped: number;
  /** Replies that came after their transaction timed out (counted and dropped). */
  lateReplies: number;
  /** Bytes read from the socket. */
  bytesIn: number;
  /** Bytes written to the socket. */
  bytesOut: number;
}

/** Slot of each counter in the shared array. @internal */
export const C = {
  received: 0,
  handled: 1,
  queued: 2,
  expired: 3,
  parseErrors: 4,
  socketErrors: 5,
  packetIns: 6,
  packetInsDropped: 7,
  lateReplies: 8,
  bytesIn: 9,
  bytesOut: 10,
  /** Bytes the main thread has finished dispatching (flow control for the worker). */
  bytesConsumed: 11,
} as const;

/** Number of 64-bit slots in one counter block. @internal */
export const COUNTER_SLOTS = 12;

/** A fresh shared counter block. @internal */
export function newCounterBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(COUNTER_SLOTS * 8);
}

/**
 * One connection's counters plus the totals they roll up into; every `add` updates both.
 * @internal
 */
export class Counters {
  readonly own: BigInt64Array;
  readonly totals: BigInt64Array | undefined;

  constructor(own: SharedArrayBuffer, totals?: SharedArrayBuffer) {
    this.own = new BigInt64Array(own);
    this.totals = totals ? new BigInt64Array(totals) : undefined;
  }

  add(slot: number, n: number): void {
    if (n === 0) return;
    const v = BigInt(n);
    Atomics.add(this.own, slot, v);
    if (this.totals) Atomics.add(this.totals, slot, v);
  }

  get(slot: number): number {
    return Number(Atomics.load(this.own, slot));
  }
}

/**
 * The main thread's side of one connection's counters: message counts in plain numbers
 * (no BigInt, no atomics per chunk), rolled up into the Controller's; the shared block
 * for what the transport counts and for `bytesConsumed`, which the worker waits on.
 * @internal
 */
export class Tally {
  readonly shared: BigInt64Array;
  readonly local: Float64Array = new Float64Array(COUNTER_SLOTS);
  readonly totals: Float64Array;

  /**
   * @param shared The connection's shared block.
   * @param totals The Controller's main-thread totals.
   */
  constructor(shared: SharedArrayBuffer, totals: Float64Array) {
    this.shared = new BigInt64Array(shared);
    this.totals = totals;
  }

  /** Adds `n` to a main-thread counter. */
  add(slot: number, n: number): void {
    this.local[slot] += n;
    this.totals[slot] += n;
  }

  /** The main thread dispatched `n` more bytes: tells a worker that waits on it. */
  consumed(n: number): void {
    Atomics.add(this.shared, C.bytesConsumed, BigInt(n));
    Atomics.notify(this.shared, C.bytesConsumed);
  }

  /** The counters now. */
  snapshot(): CounterSnapshot {
    return snapshot(this.shared, this.local);
  }
}

/**
 * Reads a counter block into a plain object, adding the main thread's counts if given.
 * @internal
 */
export function snapshot(counters: BigInt64Array, local?: Float64Array): CounterSnapshot {
  const v = (slot: number) => Number(Atomics.load(counters, slot)) + (local?.[slot] ?? 0);
  return {
    received: v(C.received),
    handled: v(C.handled),
    queued: v(C.queued),
    expired: v(C.expired),
    parseErrors: v(C.parseErrors),
    socketErrors: v(C.socketErrors),
    packetIns: v(C.packetIns),
    packetInsDropped: v(C.packetInsDropped),
    lateReplies: v(C.lateReplies),
    bytesIn: v(C.bytesIn),
    bytesOut: v(C.bytesOut),
  };
}
