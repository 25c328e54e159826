// A socket's outgoing bytes in the worker: appended (copied out of the ring) while a write is
// in flight, then written in one go. Two buffers take turns, so steady traffic allocates
// nothing; an idle connection keeps at most a small one.

/** Initial size of an outgoing buffer (64 bytes: V8 keeps it inside the object). */
const INITIAL = 64;
/** A buffer larger than this is dropped after use rather than kept for the next write. */
const KEEP_AT_MOST = 64 * 1024;

/** Where the bytes go, and what is told when they went (or could not). */
export interface OutSink {
  write(buf: Uint8Array): Promise<number>;
  /** `n` bytes were written. */
  wrote(n: number): void;
  /** Writing failed. */
  failed(e: unknown): void;
  /** The last pending byte was written (or dropped): nothing is in flight. */
  idle(): void;
}

/** One socket's outgoing buffer. */
export class SocketOut {
  #pending: Uint8Array | undefined;
  #length = 0;
  #spare: Uint8Array | undefined;
  #writing = false;
  #dropped = false;
  readonly #sink: OutSink;

  constructor(sink: OutSink) {
    this.#sink = sink;
  }

  /** Whether bytes are pending or being written. */
  get busy(): boolean {
    return this.#writing || this.#length > 0;
  }

  /** Appends a copy of `src` and starts writing if no write is in flight. */
  append(src: Uint8Array): void {
    if (this.#dropped) return;
    const need = this.#length + src.length;
    let buf = this.#pending;
    if (buf === undefined || buf.length < need) {
      let size = buf?.length ?? this.#spare?.length ?? INITIAL;
      while (size < need) size *= 2;
      const next = this.#spare !== undefined && this.#spare.length >= need
        ? this.#spare
        : new Uint8Array(size);
      if (next === this.#spare) this.#spare = undefined;
      if (buf !== undefined && this.#length > 0) next.set(buf.subarray(0, this.#length));
      buf = this.#pending = next;
    }
    buf.set(src, this.#length);
    this.#length = need;
    if (!this.#writing) this.#loop();
  }

  /** Drops what is pending and takes no more (the socket is closing regardless). */
  drop(): void {
    this.#dropped = true;
    this.#length = 0;
    this.#pending = this.#spare = undefined;
  }

  async #loop(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#length > 0) {
        const buf = this.#pending!;
        const n = this.#length;
        this.#pending = this.#spare;
        this.#spare = undefined;
        this.#length = 0;
        let at = 0;
        while (at < n) at += await this.#sink.write(buf.subarray(at, n));
        this.#sink.wrote(n);
        if (buf.length <= KEEP_AT_MOST && !this.#dropped) {
          if (this.#pending === undefined) this.#pending = buf;
          else this.#spare ??= buf;
        }
      }
      // Idle: one buffer is enough (thousands of idle connections each keep one).
      this.#spare = undefined;
    } catch (e) {
      this.drop();
      this.#sink.failed(e);
    } finally {
      this.#writing = false;
      this.#sink.idle();
    }
  }
}
