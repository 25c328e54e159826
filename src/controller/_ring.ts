// A single-producer, single-consumer ring of records in a SharedArrayBuffer: how the socket
// worker and the main thread hand each other bytes without a post per message. The writer
// copies records in and publishes them with one store; the reader is woken (Atomics.notify)
// only when it sleeps, and the writer only when it waits for room. One wake-up carries every
// record written meanwhile, of any number of connections.
//
// Layout: a header of Int32 words (the writer's position and the reader's on separate cache
// lines, then the two sleep flags), then the data area, a power of two in size. A record is
// two Int32 words — its kind and payload length (kind | length << 8) and a connection id —
// followed by its payload, padded to 8 bytes. Records never wrap: one that does not fit
// before the end is preceded by a PAD record that fills the rest. Positions run free as
// 32-bit integers; `position & mask` is the offset.
// Plain reads of a record follow the Atomics.load of `tail` that published it, and plain
// writes precede the Atomics.store: the JavaScript memory model orders them.

/** Int32 word indexes of the ring's header. */
const W = {
  /** Where the writer's published records end (free-running). */
  tail: 0,
  /** Where the reader's released records end (free-running). */
  head: 16,
  /** 1 while the reader sleeps on `tail` (the writer then wakes it). */
  readerAsleep: 32,
  /** 1 while the writer waits on `head` for room (the reader then wakes it). */
  writerWaiting: 48,
} as const;

/** Bytes before the data area. */
const HEADER_BYTES = 256;
/** A record's header: kind and length, connection id. */
const RECORD_HEADER = 8;

/** Record kinds the ring itself uses; callers use 2 and up. */
export const PAD = 1;

/** Smallest and largest data area. */
const MIN_CAPACITY = 64;
/** A record's length has 24 bits, and a PAD record may span nearly the whole area. */
const MAX_CAPACITY = 1 << 24;

/**
 * A SharedArrayBuffer laid out for a ring whose data area is `capacity` bytes.
 *
 * @param capacity A power of two from 64 to 2^24.
 * @throws {RangeError} If `capacity` is not such a power of two.
 */
export function newRingBuffer(capacity: number): SharedArrayBuffer {
  if (
    !Number.isInteger(capacity) || capacity < MIN_CAPACITY || capacity > MAX_CAPACITY ||
    (capacity & (capacity - 1)) !== 0
  ) {
    throw new RangeError(
      `Expected a ring capacity that is a power of two from ${MIN_CAPACITY} to 2^24, got ${capacity}`,
    );
  }
  return new SharedArrayBuffer(HEADER_BYTES + capacity);
}

/** The largest payload one record of a ring of `capacity` bytes may carry. */
export function maxPayload(capacity: number): number {
  return capacity / 4 - RECORD_HEADER;
}

/** Size of a record with `length` bytes of payload, header and padding included. */
function recordSize(length: number): number {
  return RECORD_HEADER + ((length + 7) & ~7);
}

class RingBase {
  readonly words: Int32Array;
  readonly bytes: Uint8Array;
  readonly capacity: number;
  readonly mask: number;
  /** Largest payload of one record. */
  readonly maxPayload: number;

  constructor(buffer: SharedArrayBuffer) {
    this.capacity = buffer.byteLength - HEADER_BYTES;
    if (this.capacity < MIN_CAPACITY || (this.capacity & (this.capacity - 1)) !== 0) {
      throw new RangeError(
        `Expected a ring buffer from newRingBuffer, got ${buffer.byteLength} bytes`,
      );
    }
    this.words = new Int32Array(buffer);
    this.bytes = new Uint8Array(buffer, HEADER_BYTES);
    this.mask = this.capacity - 1;
    this.maxPayload = maxPayload(this.capacity);
  }
}

/** The producing side of a ring. Records become visible to the reader on `publish`. */
export class RingWriter extends RingBase {
  /** End of the records written (published or not). */
  #tail: number;
  /** The reader's position, as last seen. */
  #head: number;

  constructor(buffer: SharedArrayBuffer) {
    super(buffer);
    this.#tail = Atomics.load(this.words, W.tail);
    this.#head = Atomics.load(this.words, W.head);
  }

  /** Bytes written and not yet released by the reader (as last seen). */
  get used(): number {
    return (this.#tail - this.#head) | 0;
  }

  /** Whether records are written that `publish` has not yet made visible. */
  get unpublished(): boolean {
    return this.#tail !== Atomics.load(this.words, W.tail);
  }

  /**
   * Whether a record of `length` bytes of payload fits now (reading the reader's position).
   */
  fits(length: number): boolean {
    return this.#room(recordSize(length)) >= 0;
  }

  /** Where a record of `size` bytes would start, or -1 without room. Pads when it must. */
  #room(size: number): number {
    const off = this.#tail & this.mask;
    const contiguous = this.capacity - off;
    const need = size <= contiguous ? size : contiguous + size;
    if (this.capacity - this.used < need) {
      this.#head = Atomics.load(this.words, W.head);
      if (this.capacity - this.used < need) return -1;
    }
    return size <= contiguous ? off : 0;
  }

  /**
   * Appends a record: `kind`, connection `id`, and `src[from, to)` as its payload (none when
   * `src` is undefined). Not visible to the reader until `publish`.
   *
   * @returns Whether it was written; false when the ring has no room (nothing written).
   * @throws {RangeError} If the payload exceeds `maxPayload` or the kind is not 2..255.
   */
  put(kind: number, id: number, src?: Uint8Array, from = 0, to = src?.length ?? 0): boolean {
    const length = to - from;
    if (length > this.maxPayload || length < 0) {
      throw new RangeError(
        `Expected a ring record of at most ${this.maxPayload} bytes, got ${length}`,
      );
    }
    if (kind < 2 || kind > 255) throw new RangeError(`Expected a record kind 2..255, got ${kind}`);
    const size = recordSize(length);
    const at = this.#room(size);
    if (at < 0) return false;
    const off = this.#tail & this.mask;
    if (at !== off) {
      // The rest of the area is too short: a PAD record fills it, the record starts at 0.
      this.words[(HEADER_BYTES + off) >> 2] = PAD | ((this.capacity - off - RECORD_HEADER) << 8);
      this.#tail = (this.#tail + this.capacity - off) | 0;
    }
    const word = (HEADER_BYTES + at) >> 2;
    this.words[word] = kind | (length << 8);
    this.words[word + 1] = id;
    if (length > 0) this.bytes.set(src!.subarray(from, to), at + RECORD_HEADER);
    this.#tail = (this.#tail + size) | 0;
    return true;
  }

  /**
   * Makes every record written so far visible, and wakes the reader if it sleeps.
   *
   * @returns Whether the reader was woken.
   */
  publish(): boolean {
    Atomics.store(this.words, W.tail, this.#tail);
    if (Atomics.compareExchange(this.words, W.readerAsleep, 1, 0) !== 1) return false;
    Atomics.notify(this.words, W.tail, 1);
    return true;
  }

  /**
   * Waits until the reader has released room for a record of `length` bytes.
   *
   * @returns A promise that settles when the reader releases records (check `fits` again),
   *   or undefined when the record fits already.
   */
  waitRoom(length: number): Promise<unknown> | undefined {
    Atomics.store(this.words, W.writerWaiting, 1);
    const head = Atomics.load(this.words, W.head);
    if (this.fits(length)) {
      Atomics.store(this.words, W.writerWaiting, 0);
      return undefined;
    }
    const w = Atomics.waitAsync(this.words, W.head, head);
    if (!w.async) {
      Atomics.store(this.words, W.writerWaiting, 0);
      return undefined;
    }
    return w.value;
  }

  /** Wakes this writer's own pending wait for room (to end it, say when closing). */
  interrupt(): void {
    Atomics.notify(this.words, W.head);
  }
}

/**
 * The consuming side of a ring. `next()` steps through the published records; the current
 * record's fields are on the reader itself (no object per record). Its payload stays valid
 * until `release`.
 */
export class RingReader extends RingBase {
  /** End of the records read (released or not). */
  #head: number;
  /** The writer's published position, as last seen. */
  #tail: number;
  /** The current record's kind. */
  kind = 0;
  /** The current record's connection id. */
  id = 0;
  /** Offset of the current record's payload in `bytes`. */
  at = 0;
  /** Length of the current record's payload. */
  length = 0;

  constructor(buffer: SharedArrayBuffer) {
    super(buffer);
    this.#head = Atomics.load(this.words, W.head);
    this.#tail = this.#head;
  }

  /** Whether a published record has not been read yet (reading the writer's position). */
  get readable(): boolean {
    if (this.#head !== this.#tail) return true;
    this.#tail = Atomics.load(this.words, W.tail);
    return this.#head !== this.#tail;
  }

  /**
   * Steps to the next published record.
   *
   * @returns Whether there is one; its fields are then `kind`, `id`, `at` and `length`.
   */
  next(): boolean {
    for (;;) {
      if (this.#head === this.#tail) {
        this.#tail = Atomics.load(this.words, W.tail);
        if (this.#head === this.#tail) return false;
      }
      const off = this.#head & this.mask;
      const word = (HEADER_BYTES + off) >> 2;
      const head = this.words[word];
      const kind = head & 0xff;
      const length = head >>> 8;
      this.#head = (this.#head + recordSize(length)) | 0;
      if (kind === PAD) continue;
      this.kind = kind;
      this.id = this.words[word + 1];
      this.at = off + RECORD_HEADER;
      this.length = length;
      return true;
    }
  }

  /** The current record's payload, as a view into the ring (valid until `release`). */
  payload(): Uint8Array {
    return this.bytes.subarray(this.at, this.at + this.length);
  }

  /** Gives the records read so far back to the writer, waking it if it waits for room. */
  release(): void {
    Atomics.store(this.words, W.head, this.#head);
    if (Atomics.compareExchange(this.words, W.writerWaiting, 1, 0) === 1) {
      Atomics.notify(this.words, W.head, 1);
    }
  }

  /**
   * Goes to sleep until the writer publishes more.
   *
   * @returns A promise that settles when woken, or undefined when records are readable
   *   already (nothing to wait for).
   */
  sleep(): Promise<unknown> | undefined {
    Atomics.store(this.words, W.readerAsleep, 1);
    const tail = Atomics.load(this.words, W.tail);
    if (tail !== this.#head) {
      Atomics.store(this.words, W.readerAsleep, 0);
      return undefined;
    }
    const w = Atomics.waitAsync(this.words, W.tail, tail);
    if (!w.async) {
      Atomics.store(this.words, W.readerAsleep, 0);
      return undefined;
    }
    return w.value;
  }

  /** Wakes this reader's own pending sleep (to end it, say when closing). */
  interrupt(): void {
    Atomics.notify(this.words, W.tail);
  }

  /** Marks the reader awake (after a wake-up: the writer need not notify). */
  awake(): void {
    Atomics.store(this.words, W.readerAsleep, 0);
  }
}
