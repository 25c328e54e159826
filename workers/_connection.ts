// One socket in the worker: a read loop that frames what arrives and hands the complete
// frames up (copied into the ring, or the read buffer posted when they are too many for it),
// and an outgoing buffer the ring's writes are copied into.
import { C, consumedWord, Counters, CounterSlab } from "../src/controller/counters.ts";
import { hexdump } from "../src/controller/hexdump.ts";
import { R } from "../src/controller/_protocol.ts";
import type { FromWorker } from "../src/controller/_protocol.ts";
import type { RingOutbox } from "../src/controller/_ring_link.ts";
import type { Address } from "../src/controller/transport.ts";
import { ReadBuffer } from "./_read_buffer.ts";
import { type OutSink, SocketOut } from "./_socket_out.ts";
import type { Stream } from "./_tls.ts";

/** Every connection's counter block, many to a shared buffer. */
const slab = new CounterSlab();

/**
 * Bytes handed to the main thread and not yet dispatched there, beyond which reading pauses:
 * four of the largest reads. (4 MiB gave a 10 M packet-in flood a peak 138-151 MB over idle,
 * 1 MiB 95-127 MB, at the same ingest rate.)
 */
const HIGH_WATER = 1024 * 1024;

/** What a connection needs from its worker. */
export interface WorkerContext {
  /** The worker → main ring. */
  readonly up: RingOutbox;
  /** Reads whose complete frames exceed this are posted rather than copied into the ring. */
  readonly postAbove: number;
  /** The controller's total counters. */
  readonly totals: SharedArrayBuffer | undefined;
  /** Posts a message at its place among the ring's records. */
  post(msg: FromWorker, transfer?: Transferable[]): void;
  /** Logs through the main thread. */
  log(level: "error" | "warning", message: string, props: Record<string, unknown>): void;
  /** The pause to take before the next read while a socket floods (see `_breather.ts`). */
  breathe(floodingSince: number | undefined): Promise<void> | undefined;
  /** Resolves when the worker → main ring takes records again (undefined: it does now). */
  upReady(): Promise<void> | undefined;
  /** The connection ended and reported it. */
  ended(conn: Connection): void;
}

/** An error as plain fields, to cross threads. */
export function errorFields(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

/** One socket of the worker. */
export class Connection implements OutSink {
  readonly counters: Counters;
  readonly done: Promise<void>;
  readonly #out: SocketOut;
  readonly #ctx: WorkerContext;
  #closing = false;
  #closeAfterWrites = false;
  /** Bytes handed up (ring or post), against the main thread's `bytesConsumed` (32-bit, wrapping). */
  #handed = 0;
  readonly #consumed: Int32Array;
  readonly #consumedAt: number;
  #cause: Error | undefined;

  constructor(
    readonly id: number,
    readonly stream: Stream,
    local: Address,
    remote: Address,
    tls: boolean,
    ctx: WorkerContext,
  ) {
    this.#ctx = ctx;
    const block = slab.take();
    this.counters = new Counters(block.buffer, ctx.totals, block.offset);
    [this.#consumed, this.#consumedAt] = consumedWord(block.buffer, block.offset);
    this.#out = new SocketOut(this);
    ctx.post({
      t: "open",
      id,
      local,
      remote,
      // The slab goes over once; the main thread keeps the latest (opens stay in order).
      counters: block.fresh ? block.buffer : undefined,
      countersOffset: block.offset,
      tls,
    });
    this.done = this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    const rb = new ReadBuffer();
    const consumed = this.#consumed, at = this.#consumedAt;
    const ctx = this.#ctx;
    let floodingSince: number | undefined;
    try {
      while (!this.#closing) {
        // Flow control: wait while the main thread is far behind, or its ring is full.
        for (;;) {
          const seen = Atomics.load(consumed, at);
          if (((this.#handed - seen) | 0) <= HIGH_WATER) break;
          if (this.#closing) return;
          const wait = this.#waitConsumed(seen, 100);
          if (wait) await wait;
        }
        const full = ctx.upReady();
        if (full) await full;
        const pause = ctx.breathe(floodingSince);
        if (pause) await pause;
        if (this.#closing) return;
        const room = rb.room();
        const n = await this.stream.read(room);
        if (n === null) return;
        const framed = rb.filled(n);
        if (rb.error) {
          this.counters.add(C.bytesIn, n);
          this.counters.add(C.parseErrors, 1);
          ctx.log("error", "Cannot frame the switch's bytes: closing the connection", {
            connection: this.id,
            error: errorFields(rb.error),
            hexdump: hexdump(rb.bytes.subarray(framed, rb.end), { max: 256 }),
          });
          this.#handUp(rb, framed);
          this.#cause = rb.error;
          return;
        }
        this.#handUp(rb, framed);
        this.counters.add(C.bytesIn, n);
        if (n < room.length) floodingSince = undefined;
        else floodingSince ??= performance.now();
      }
    } catch (e) {
      if (!this.#closing) {
        this.counters.add(C.socketErrors, 1);
        this.#cause = e as Error;
      }
    } finally {
      this.#finish();
    }
  }

  /** Hands the complete frames `rb.bytes[0, framed)` to the main thread. */
  #handUp(rb: ReadBuffer, framed: number): void {
    // No complete frame yet: the buffer keeps the partial one (and grows if it must).
    if (framed === 0) return rb.consumed();
    this.#handed = (this.#handed + framed) | 0;
    const ctx = this.#ctx;
    if (framed <= ctx.postAbove) {
      // Published at the end of this turn: every read that completed in the same turn of
      // the event loop (any number of switches) reaches the main thread in one batch, with
      // at most one wake-up (cbench latency mode: 57-63 k/s against 52-55 k/s publishing
      // each read at once, or waking a sleeping main thread at the first; echo unchanged).
      ctx.up.put(R.bytes, this.id, rb.bytes, 0, framed);
      ctx.up.publishSoon();
      rb.consumed();
    } else {
      // The frame offsets go too: the main thread, the busier of the two in a flood, need not
      // find them again.
      const buffer = rb.bytes.buffer as ArrayBuffer;
      const offsets = rb.offsets.slice(0, rb.count);
      rb.given();
      ctx.post({ t: "data", id: this.id, buffer, length: framed, offsets }, [
        buffer,
        offsets.buffer,
      ]);
    }
  }

  /**
   * While the main thread has not dispatched everything this connection handed it: a
   * promise that settles when it dispatches more (or after `ms`). Undefined once it caught up.
   */
  backlogWait(ms: number): Promise<unknown> | undefined {
    const now = Atomics.load(this.#consumed, this.#consumedAt);
    if (this.#closing || ms <= 0 || ((this.#handed - now) | 0) <= 0) return undefined;
    return this.#waitConsumed(now, ms) ?? Promise.resolve();
  }

  /**
   * Waits (at most `ms`) for the main thread to dispatch more than `seen`, counted as a
   * waiter so that it notifies (it does not otherwise, per chunk). Undefined when it already
   * has.
   */
  #waitConsumed(seen: number, ms: number): Promise<unknown> | undefined {
    const words = this.#consumed, at = this.#consumedAt;
    Atomics.add(words, at + 1, 1);
    const w = Atomics.waitAsync(words, at, seen, ms);
    if (!w.async) {
      Atomics.sub(words, at + 1, 1);
      return undefined;
    }
    return w.value.finally(() => Atomics.sub(words, at + 1, 1));
  }

  // ---- the outgoing buffer's sink -------------------------------------------------------

  /** Writes to the socket (for the outgoing buffer). */
  write(buf: Uint8Array): Promise<number> {
    return this.stream.write(buf);
  }

  /** `n` bytes went out. */
  wrote(n: number): void {
    this.counters.add(C.bytesOut, n);
  }

  /** A write failed: the connection closes. */
  failed(e: unknown): void {
    if (this.#closing) return;
    this.counters.add(C.socketErrors, 1);
    this.#cause ??= e as Error;
    this.#closeStream();
  }

  /** Nothing left to write. */
  idle(): void {
    if (this.#closeAfterWrites) this.#closeStream();
  }

  // ---- commands ---------------------------------------------------------------------------

  /** Queues bytes to write (copied). */
  send(bytes: Uint8Array): void {
    if (!this.#closing) this.#out.append(bytes);
  }

  /** Closes after the pending writes. */
  close(): void {
    if (this.#out.busy) this.#closeAfterWrites = true;
    else this.#closeStream();
  }

  /** Closes now, dropping unwritten bytes (a peer that stopped reading must not hold shutdown). */
  forceClose(): void {
    this.#closeStream();
  }

  #closeStream(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#out.drop();
    try {
      this.stream.close();
    } catch { /* already closed */ }
  }

  #finished = false;
  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#closeStream();
    this.#ctx.post({
      t: "closed",
      id: this.id,
      error: this.#cause ? errorFields(this.#cause) : undefined,
    });
    this.#ctx.ended(this);
    this.onClosed?.();
  }

  /** Told when the connection has ended (a dialer waits for it to dial again). */
  onClosed: (() => void) | undefined;
}
