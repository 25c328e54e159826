// The way out for every connection's bytes: each connection encodes into its own writer and
// marks it; at the end of the tick every marked writer goes to the transport in one write.
import { Writer } from "../ofp/_writer.ts";
import type { Transport } from "./transport.ts";
import { Taps } from "./_taps.ts";

/** One connection's outgoing bytes. */
export class Channel {
  /** Bytes written this tick. */
  readonly writer: Writer = new Writer(256);
  /** Listeners of every frame sent (and, fed by the connection, received). */
  readonly taps: Taps = new Taps();
  /** Where a tap listener's failure is reported. */
  onTapError: (e: unknown) => void = () => {};
  #marked = false;

  constructor(readonly id: number, private readonly outbox: Outbox) {}

  /** Asks for this tick's bytes to be written at the end of the tick. */
  mark(): void {
    if (this.#marked) return;
    this.#marked = true;
    this.outbox.queue(this);
  }

  /** Takes this tick's bytes (undefined when there are none) and clears the mark. */
  take(): Uint8Array | undefined {
    this.#marked = false;
    if (this.writer.pos === 0) return undefined;
    const bytes = this.writer.finish();
    this.writer.reset();
    if (this.taps.active) this.taps.emitFrames("out", bytes, this.onTapError);
    return bytes;
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
    const ids: number[] = [];
    const chunks: Uint8Array[] = [];
    for (const channel of this.#marked) {
      const bytes = channel.take();
      if (bytes === undefined) continue;
      ids.push(channel.id);
      chunks.push(bytes);
    }
    this.#marked.length = 0;
    if (ids.length > 0) this.transport.write(ids, chunks);
  }
}
