// The way out for every connection's bytes: each connection encodes into its own writer and
// marks it; at the end of the tick every marked writer goes to the transport in one write,
// as views into the writers (the transport copies them), and the writers are reset.
import { Writer } from "../ofp/_writer.ts";
import type { Transport } from "./transport.ts";
import { Taps } from "./_taps.ts";

/** The tap error handler until a tap is added. */
const ignore = (): void => {};

/** A writer grown beyond this (a large batch) is replaced after use by a small one. */
const KEEP_AT_MOST = 64 * 1024;

/** One connection's outgoing bytes. */
export class Channel {
  /** Bytes written this tick. */
  writer: Writer = new Writer(256);
  /** Listeners of every frame sent (and, fed by the connection, received). */
  readonly taps: Taps = new Taps();
  /** Where a tap listener's failure is reported. */
  onTapError: (e: unknown) => void = ignore;
  #marked = false;

  constructor(readonly id: number, private readonly outbox: Outbox) {}

  /** Asks for this tick's bytes to be written at the end of the tick. */
  mark(): void {
    if (this.#marked) return;
    this.#marked = true;
    this.outbox.queue(this);
  }

  /**
   * This tick's bytes (undefined when there are none), as a view into the writer: valid
   * until `reset`. Clears the mark.
   */
  take(): Uint8Array | undefined {
    this.#marked = false;
    if (this.writer.pos === 0) return undefined;
    const bytes = this.writer.buf.subarray(0, this.writer.pos);
    if (this.taps.active) this.taps.emitFrames("out", bytes, this.onTapError);
    return bytes;
  }

  /** Empties the writer after its bytes were written (a writer grown large is dropped). */
  reset(): void {
    if (this.writer.buf.length > KEEP_AT_MOST) this.writer = new Writer(256);
    else this.writer.reset();
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
  /** Reused per flush: the transport does not keep them. */
  #ids: number[] = [];
  #chunks: Uint8Array[] = [];
  #scheduled = false;

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

  /** Writes every marked channel now, in one transport write. */
  flush(): void {
    this.#scheduled = false;
    if (this.#marked.length === 0) return;
    const marked = this.#marked;
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
      for (let i = 0; i < marked.length; i++) marked[i].reset();
      marked.length = 0;
      ids.length = 0;
      chunks.length = 0;
    }
  }
}
