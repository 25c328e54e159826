// A connection's ordered write queue: messages go out in the order queued, batched into one
// write when they are ready together; a message held until a time (the delay fault) holds
// everything queued after it, so order is kept.
import { type Stream, writeAll } from "./_stream.ts";

interface Queued {
  bytes: Uint8Array;
  notBefore: number;
}

const BATCH_BYTES = 256 * 1024;

/** The write side of a connection. */
export class WriteQueue {
  readonly #stream: Stream;
  readonly #onError: (e: unknown) => void;
  #out: Queued[] = [];
  #pumping = false;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;
  #drainWaiters: (() => void)[] = [];
  /** Messages written. */
  sent = 0;
  /** Called each time the queue becomes empty. */
  onIdle: () => void = () => {};

  constructor(stream: Stream, onError: (e: unknown) => void) {
    this.#stream = stream;
    this.#onError = onError;
  }

  /** Whether nothing is queued or being written. */
  get idle(): boolean {
    return this.#out.length === 0 && !this.#pumping;
  }

  /** Queues bytes, to be written not before `notBefore` (a `performance.now()` time). */
  push(bytes: Uint8Array, notBefore = 0): void {
    if (this.#closed) return;
    this.#out.push({ bytes, notBefore });
    if (!this.#pumping) {
      this.#pumping = true;
      void this.#pump();
    }
  }

  /** Resolves when the queue is empty (or closed). */
  drained(): Promise<void> {
    if (this.idle || this.#closed) return Promise.resolve();
    return new Promise((r) => this.#drainWaiters.push(r));
  }

  /** Drops what is queued and stops (the stream is the owner's to close). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#out.length = 0;
    this.#wake?.();
    for (const w of this.#drainWaiters.splice(0)) w();
  }

  async #pump(): Promise<void> {
    try {
      while (this.#out.length > 0 && !this.#closed) {
        const now = performance.now();
        const head = this.#out[0];
        if (head.notBefore > now) {
          await new Promise<void>((r) => {
            this.#wake = r;
            this.#timer = setTimeout(r, head.notBefore - now);
          });
          this.#timer = undefined;
          this.#wake = undefined;
          continue;
        }
        let n = 0, size = 0;
        while (n < this.#out.length && this.#out[n].notBefore <= now && size < BATCH_BYTES) {
          size += this.#out[n++].bytes.length;
        }
        const batch = this.#out.splice(0, n);
        await writeAll(this.#stream, n === 1 ? batch[0].bytes : concat(batch, size));
        this.sent += n;
      }
    } catch (e) {
      this.#out.length = 0;
      if (!this.#closed) this.#onError(e);
    } finally {
      this.#pumping = false;
      for (const w of this.#drainWaiters.splice(0)) w();
      if (!this.#closed) this.onIdle();
    }
  }
}

function concat(parts: Queued[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p.bytes, at);
    at += p.bytes.length;
  }
  return out;
}
