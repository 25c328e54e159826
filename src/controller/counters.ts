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
  /**
   * Bytes the main thread has finished dispatching (flow control for the worker): a 32-bit
   * counter that wraps, in the low word of this slot (see {@linkcode consumedWord}).
   */
  bytesConsumed: 11,
} as const;

/** Number of 64-bit slots in one counter block. @internal */
export const COUNTER_SLOTS = 12;

/** Views over a whole counter buffer, shared by every block in it. */
interface Views {
  big: BigInt64Array;
  i32: Int32Array;
}

const views = new WeakMap<SharedArrayBuffer, Views>();

/** The views over `buffer` (made once per buffer: thousands of blocks share a slab's). */
function viewsOf(buffer: SharedArrayBuffer): Views {
  let v = views.get(buffer);
  if (v === undefined) {
    v = { big: new BigInt64Array(buffer), i32: new Int32Array(buffer) };
    views.set(buffer, v);
  }
  return v;
}

/**
 * The Int32 view over a counter buffer, and the index in it of the block's `bytesConsumed`
 * word: both threads use it as a 32-bit wrapping counter (no BigInt per chunk). The next word
 * counts the worker's waits on it: the main thread notifies only when one is pending.
 * @internal
 */
export function consumedWord(buffer: SharedArrayBuffer, offset: number): [Int32Array, number] {
  // Two 32-bit words of the 64-bit slot, which nothing else reads.
  return [viewsOf(buffer).i32, offset / 4 + C.bytesConsumed * 2];
}

/** Bytes of one counter block. @internal */
export const COUNTER_BYTES: number = COUNTER_SLOTS * 8;

/** A fresh shared counter block. @internal */
export function newCounterBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(COUNTER_BYTES);
}

/**
 * Counter blocks carved out of shared buffers of many blocks each: a SharedArrayBuffer costs
 * some 700 bytes beyond its contents, which thousands of connections would each pay. Blocks
 * are never reused (a closed connection's counters stay readable); a buffer is freed when no
 * connection refers to it any more.
 * @internal
 */
export class CounterSlab {
  #buffer: SharedArrayBuffer | undefined;
  #next = 0;

  constructor(readonly blocksPerBuffer = 256) {}

  /** A fresh block: its buffer, byte offset, and whether the buffer is new. */
  take(): { buffer: SharedArrayBuffer; offset: number; fresh: boolean } {
    let fresh = false;
    if (this.#buffer === undefined || this.#next === this.blocksPerBuffer) {
      this.#buffer = new SharedArrayBuffer(COUNTER_BYTES * this.blocksPerBuffer);
      this.#next = 0;
      fresh = true;
    }
    return { buffer: this.#buffer, offset: COUNTER_BYTES * this.#next++, fresh };
  }
}

/**
 * One connection's counters plus the totals they roll up into; every `add` updates both.
 * @internal
 */
export class Counters {
  /** A view over the whole buffer of this block (shared with the other blocks in it). */
  readonly #own: BigInt64Array;
  /** This block's first slot in `#own`. */
  readonly #base: number;
  readonly #totals: BigInt64Array | undefined;

  /**
   * @param own The buffer of this block.
   * @param totals The totals' block, if any.
   * @param offset Byte offset of this block in `own`.
   */
  constructor(own: SharedArrayBuffer, totals?: SharedArrayBuffer, offset = 0) {
    this.#own = viewsOf(own).big;
    this.#base = offset / 8;
    this.#totals = totals && viewsOf(totals).big;
  }

  add(slot: number, n: number): void {
    if (n === 0) return;
    const v = BigInt(n);
    Atomics.add(this.#own, this.#base + slot, v);
    if (this.#totals) Atomics.add(this.#totals, slot, v);
  }

  get(slot: number): number {
    return Number(Atomics.load(this.#own, this.#base + slot));
  }
}

/**
 * The main thread's side of one connection's counters: message counts in plain numbers
 * (no BigInt, no atomics per chunk), rolled up into the Controller's; the shared block
 * for what the transport counts and for `bytesConsumed`, which the worker waits on.
 * @internal
 */
export class Tally {
  /** A view over the whole buffer of the connection's shared block. */
  readonly #shared: BigInt64Array;
  readonly #base: number;
  readonly #consumed: Int32Array;
  readonly #consumedAt: number;
  readonly local: number[] = new Array<number>(COUNTER_SLOTS).fill(0);
  readonly totals: number[];

  /**
   * @param shared The buffer of the connection's shared block.
   * @param offset Byte offset of the block in `shared`.
   * @param totals The Controller's main-thread totals.
   */
  constructor(shared: SharedArrayBuffer, offset: number, totals: number[]) {
    this.#shared = viewsOf(shared).big;
    this.#base = offset / 8;
    [this.#consumed, this.#consumedAt] = consumedWord(shared, offset);
    this.totals = totals;
  }

  /** Adds `n` to a main-thread counter. */
  add(slot: number, n: number): void {
    this.local[slot] += n;
    this.totals[slot] += n;
  }

  /** The main thread dispatched `n` more bytes: tells a worker that waits on it. */
  consumed(n: number): void {
    Atomics.add(this.#consumed, this.#consumedAt, n);
    if (Atomics.load(this.#consumed, this.#consumedAt + 1) !== 0) {
      Atomics.notify(this.#consumed, this.#consumedAt);
    }
  }

  /** The counters now. */
  snapshot(): CounterSnapshot {
    return snapshot(this.#shared, this.local, this.#base);
  }
}

/**
 * Reads a counter block into a plain object, adding the main thread's counts if given.
 * @internal
 */
export function snapshot(
  counters: BigInt64Array,
  local?: readonly number[],
  base = 0,
): CounterSnapshot {
  const v = (slot: number) => Number(Atomics.load(counters, base + slot)) + (local?.[slot] ?? 0);
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
