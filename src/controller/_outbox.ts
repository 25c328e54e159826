// The way out for every connection's bytes: each connection encodes into its own writer and
// marks it; at the end of the tick (or after each chunk the Controller dispatches) every
// marked writer goes to the transport in one write, as views into the writers (the
// transport copies them), and the bytes written leave the writers. A transport may deliver
// data within that write (an in-memory one can): what handlers encode meanwhile stays in
// the writers, behind the bytes being written, and is written next.
import { Writer } from "../ofp/_writer.ts";
import type { Transport } from "./transport.ts";
import { Taps } from "./_taps.ts";

/** Bytes one connection may have encoded in a tick before they are written at once. */
const FLUSH_AT = 16 * 1024;

/** The tap error handler until a tap is added. */
const ignore = (): void => {};

/**
 * A connection's writer to begin with: enough for the handshake, and small enough that V8
 * keeps it inside the object (no separate allocation for thousands of idle connections).
 * It doubles as messages need.
 */
const WRITER_BYTES = 64;

/** A writer grown beyond this (a large batch) is replaced after use by a small one. */
const KEEP_AT_MOST = 64 * 1024;

/** One connection's outgoing bytes. */
export class Channel {
  /** Bytes written this tick. */
  writer: Writer = new Writer(WRITER_BYTES);
  /** Listeners of every frame sent (and, fed by the connection, received). */
  readonly taps: Taps = new Taps();
  /** Where a tap listener's failure is reported. */
  onTapError: (e: unknown) => void = ignore;
  #marked = false;
  /** Bytes handed out by `take` and not yet dropped by `written`. */
  #taken = 0;

  constructor(readonly id: number, private readonly outbox: Outbox) {}

  /** Asks for this tick's bytes to be written at the end of the tick. */
  mark(): void {
    if (this.#marked) return;
    this.#marked = true;
    this.outbox.queue(this);
  }

  /**
   * Before a message is encoded: writes what this tick encoded so far now, once it is much
   * (a burst of requests: the worker starts writing while the rest are encoded).
   */
  beforeWrite(): void {
    if (this.writer.pos >= FLUSH_AT) this.outbox.flush();
  }

  /**
   * This tick's bytes (undefined when there are none), as a view into the writer: valid
   * until `reset`. Clears the mark.
   */
  take(): Uint8Array | undefined {
    this.#marked = false;
    if (this.writer.pos === 0) return undefined;
    this.#taken = this.writer.pos;
    const bytes = this.writer.buf.subarray(0, this.writer.pos);
    if (this.taps.active) this.taps.emitFrames("out", bytes, this.onTapError);
    return bytes;
  }

  /**
   * Drops the bytes `take` handed out, now written; what was encoded since stays, and the
   * channel is marked for it. A writer grown large is replaced by a small one.
   */
  written(): void {
    const w = this.writer, taken = this.#taken;
    this.#taken = 0;
    if (w.pos === taken) {
      if (w.buf.length > KEEP_AT_MOST) this.writer = new Writer(WRITER_BYTES);
      else w.reset();
      return;
    }
    w.buf.copyWithin(0, taken, w.pos);
    w.pos -= taken;
    this.mark();
  }

  /** Writes what is pending, then closes the transport side of the connection. */
  close(): void {
    this.outbox.flush();
    this.outbox.transport.closeConnection(this.id);
  }
}

/** Batches the writes of every connection of one Controller, per tick. */
export class Outbox {
  #marked: Channel[] = [];
  /** The list being written while `#marked` takes new marks (the two take turns). */
  #writing: Channel[] = [];
  /** Reused per flush: the transport does not keep them. */
  #ids: number[] = [];
  #chunks: Uint8Array[] = [];
  #scheduled = false;
  #flushing = false;

  constructor(readonly transport: Transport) {}

  /** A channel for connection `id`. */
  open(id: number): Channel {
    return new Channel(id, this);
  }

  /** Writes `channel` at the end of the tick. */
  queue(channel: Channel): void {
    this.#marked.push(channel);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /**
   * Writes every marked channel now, in one transport write (then again for what was
   * encoded during it, if anything). A flush during a flush is left to the outer one.
   */
  flush(): void {
    this.#scheduled = false;
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#marked.length > 0) {
        const marked = this.#marked;
        this.#marked = this.#writing;
        this.#writing = marked;
        const ids = this.#ids;
        const chunks = this.#chunks;
        for (let i = 0; i < marked.length; i++) {
          const bytes = marked[i].take();
          if (bytes === undefined) continue;
          ids.push(marked[i].id);
          chunks.push(bytes);
        }
        try {
          if (ids.length > 0) this.transport.write(ids, chunks);
        } finally {
          for (let i = 0; i < marked.length; i++) marked[i].written();
          marked.length = 0;
          ids.length = 0;
          chunks.length = 0;
        }
      }
    } finally {
      this.#flushing = false;
    }
  }
}
