// The two ends of one direction between the threads, over a ring (_ring.ts): RingOutbox puts
// records in order (into the ring, or into an overflow queue while the ring is full, moved
// in as the reader makes room) and marks where each posted message belongs; RingInbox reads
// the records, hands each posted message out at its mark, and sleeps when there is nothing
// left. Both sides of the Controller use them: the main thread sends writes down and reads
// frames up, the socket worker the other way round.
import { PAD, type RingReader, type RingWriter } from "./_ring.ts";
import { R } from "./_protocol.ts";

/** A record waiting for room in the ring. */
interface Queued {
  kind: number;
  id: number;
  bytes: Uint8Array | undefined;
}

/** The writing end: records in order, whatever the ring's room. */
export class RingOutbox {
  readonly ring: RingWriter;
  #overflow: Queued[] = [];
  #overflowHead = 0;
  #moving = false;
  #publishScheduled = false;
  #drained: PromiseWithResolvers<void> | undefined;
  #closed = false;

  constructor(ring: RingWriter) {
    this.ring = ring;
  }

  /** Records waiting for room in the ring. */
  get backlog(): number {
    return this.#overflow.length - this.#overflowHead;
  }

  /**
   * Appends a record with `src[from, to)` as its payload (at most the ring's `maxPayload`),
   * copied now. Visible to the reader after `publish`.
   */
  put(kind: number, id: number, src?: Uint8Array, from = 0, to = src?.length ?? 0): void {
    if (this.#closed) return;
    if (this.backlog === 0 && this.ring.put(kind, id, src, from, to)) return;
    this.#overflow.push({ kind, id, bytes: src?.slice(from, to) });
    this.#moveIn();
  }

  /** Appends a byte stream as as many records as it takes. */
  putStream(kind: number, id: number, src: Uint8Array): void {
    const max = this.ring.maxPayload;
    for (let at = 0; at < src.length; at += max) {
      this.put(kind, id, src, at, Math.min(src.length, at + max));
    }
  }

  /** Marks the place of the next posted message. */
  mark(): void {
    this.put(R.post, 0);
  }

  /** Makes what was put visible now, waking the reader if it sleeps. */
  publish(): void {
    this.ring.publish();
  }

  /** Publishes at the end of this turn (once, however many records are put meanwhile). */
  publishSoon(): void {
    if (this.#publishScheduled) return;
    this.#publishScheduled = true;
    queueMicrotask(() => {
      this.#publishScheduled = false;
      this.ring.publish();
    });
  }

  /** Resolves once no record waits for room (at once when none does). */
  drained(): Promise<void> {
    if (this.backlog === 0) return Promise.resolve();
    this.#drained ??= Promise.withResolvers<void>();
    return this.#drained.promise;
  }

  /** Drops the backlog and stops taking records; a pending wait for room ends. */
  close(): void {
    this.#closed = true;
    if (this.#moving) this.ring.interrupt();
    this.#overflow = [];
    this.#overflowHead = 0;
    this.#drained?.resolve();
    this.#drained = undefined;
  }

  async #moveIn(): Promise<void> {
    if (this.#moving) return;
    this.#moving = true;
    try {
      while (!this.#closed && this.backlog > 0) {
        const q = this.#overflow[this.#overflowHead];
        const length = q.bytes?.length ?? 0;
        if (!this.ring.put(q.kind, q.id, q.bytes, 0, length)) {
          this.ring.publish();
          const wait = this.ring.waitRoom(length);
          if (wait) await wait;
          continue;
        }
        this.#overflow[this.#overflowHead++] = undefined as unknown as Queued;
        if (this.#overflowHead === this.#overflow.length) {
          this.#overflow = [];
          this.#overflowHead = 0;
        }
      }
      this.ring.publish();
      this.#drained?.resolve();
      this.#drained = undefined;
    } finally {
      this.#moving = false;
    }
  }
}

/** What a RingInbox hands out. */
export interface InboxSink<M> {
  /** A record other than a POST mark; its fields are on `reader`, valid during the call. */
  record(reader: RingReader): void;
  /** A posted message, at its place among the records. */
  post(message: M): void;
  /** Called after each batch of records, before the inbox sleeps or yields. */
  batchDone?(): void;
}

/** Runs a function in a turn of the event loop of its own, by a message to itself. */
class Yielder {
  readonly #ports = new MessageChannel();

  constructor(run: () => void) {
    this.#ports.port1.onmessage = run;
  }

  /** Runs the function after the event loop has turned once (timers, other I/O). */
  post(): void {
    this.#ports.port2.postMessage(0);
  }

  /** Closes the ports (they keep the event loop alive while open). */
  close(): void {
    this.#ports.port1.close();
    this.#ports.port2.close();
  }
}

/** How long an inbox may keep finding records without letting its event loop turn. */
const YIELD_AFTER_MS = 4;

/** The reading end: records and posted messages in one order, woken when records come. */
export class RingInbox<M> {
  readonly reader: RingReader;
  readonly #sink: InboxSink<M>;
  #posts: M[] = [];
  #postsHead = 0;
  /** POST marks read whose message has not come yet: reading stops until it does. */
  #marks = 0;
  #running = false;
  #stopped = true;
  #asleep = false;
  /** A check for more records (then sleep) is queued. */
  #settling = false;
  /** When records started to come back to back (-1: they did not). */
  #busySince = -1;
  #yielder: Yielder | undefined;
  readonly #run = (): void => this.#drain();
  readonly #woken = (): void => {
    this.#asleep = false;
    this.reader.awake();
    this.#drain();
  };
  /** Two microtask hops: what the batch resolved (a reply's awaiter) runs, and writes, first. */
  readonly #settleSoon = (): void => queueMicrotask(this.#settle);
  readonly #settle = (): void => {
    this.#settling = false;
    if (this.#stopped || this.#running || this.#asleep || this.#marks > 0) return;
    const wait = this.reader.sleep();
    if (wait) {
      this.#asleep = true;
      this.#busySince = -1;
      wait.then(this.#woken);
      return;
    }
    const now = performance.now();
    if (this.#busySince < 0) this.#busySince = now;
    if (now - this.#busySince < YIELD_AFTER_MS) return this.#drain();
    // Records keep coming: let this thread's event loop turn (timers, other I/O) first.
    // A posted message is the quickest way round it (setTimeout(0) takes milliseconds).
    this.#busySince = -1;
    this.#yielder ??= new Yielder(this.#run);
    this.#yielder.post();
  };

  constructor(reader: RingReader, sink: InboxSink<M>) {
    this.reader = reader;
    this.#sink = sink;
  }

  /** Starts reading. */
  start(): void {
    this.#stopped = false;
    this.#drain();
  }

  /** Stops reading for good; a pending sleep is woken and ends. */
  stop(): void {
    this.#stopped = true;
    this.#yielder?.close();
    this.#yielder = undefined;
    if (this.#asleep) this.reader.interrupt();
  }

  /** A message posted by the other side (in posting order). */
  posted(message: M): void {
    if (this.#marks > 0) {
      this.#marks--;
      this.#sink.post(message);
      if (this.#marks === 0) this.#drain();
      return;
    }
    this.#posts.push(message);
  }

  #nextPost(): M | undefined {
    if (this.#postsHead === this.#posts.length) return undefined;
    const m = this.#posts[this.#postsHead];
    this.#posts[this.#postsHead++] = undefined as M;
    if (this.#postsHead === this.#posts.length) {
      this.#posts = [];
      this.#postsHead = 0;
    }
    return m;
  }

  #drain(): void {
    if (this.#stopped || this.#running || this.#marks > 0) return;
    this.#running = true;
    const reader = this.reader;
    try {
      while (!this.#stopped && reader.next()) {
        try {
          if (reader.kind === R.post) {
            const m = this.#nextPost();
            if (m === undefined) {
              this.#marks++;
              break;
            }
            this.#sink.post(m);
          } else if (reader.kind !== PAD) {
            this.#sink.record(reader);
          }
        } catch (e) {
          // As an exception in a message handler would be: reported, and reading goes on.
          reportError(e);
        }
      }
    } finally {
      reader.release();
      this.#running = false;
    }
    this.#sink.batchDone?.();
    if (this.#stopped || this.#marks > 0 || this.#settling) return;
    this.#settling = true;
    queueMicrotask(this.#settleSoon);
  }
}
