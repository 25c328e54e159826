import { logger } from "../_log.ts";

// Every deadline of every Controller in this isolate, in one min-heap keyed by absolute time,
// with one timer armed at or before the earliest (not re-armed while it is early enough, not
// cleared while the heap is empty only for a moment: no timer call per transaction). Deno delivers a worker's messages ahead of the main
// thread's timers, so while a switch floods the Controller no timer fires; the dispatch path
// therefore calls `runDue()` after each chunk it hands out, and deadlines fire on time
// whether the Controller is quiet (the timer) or flooded (the chunks).

/** Clock: milliseconds, monotonic. */
const now = (): number => performance.now();

/** setTimeout takes a signed 32-bit delay; longer ones fire at once. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A pending deadline: pass it to `cancel`. */
export interface Deadline {
  /** When it fires, on the `performance.now()` clock. */
  readonly at: number;
}

/** What a deadline calls: an object of its own (no closure per deadline on hot paths). */
export interface Expiring {
  /** The deadline passed. */
  expire(): void;
}

class Entry implements Deadline {
  constructor(
    readonly at: number,
    readonly seq: number,
    public target: Expiring | undefined,
    public index: number,
  ) {}
}

/** A min-heap of deadlines plus one timer armed for the earliest. */
export class Deadlines {
  #heap: Entry[] = [];
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #onError: (error: unknown) => void;

  /** @param onError Called when a deadline's callback throws (the others still fire). */
  constructor(onError: (error: unknown) => void = () => {}) {
    this.#onError = onError;
  }

  /** Pending deadlines. */
  get size(): number {
    return this.#heap.length;
  }

  /** Calls `fire` once, `ms` milliseconds from now, unless cancelled first. */
  add(ms: number, fire: () => void): Deadline {
    return this.schedule(ms, { expire: fire });
  }

  /** Calls `target.expire()` once, `ms` milliseconds from now, unless cancelled first. */
  schedule(ms: number, target: Expiring): Deadline {
    const e = new Entry(now() + ms, this.#seq++, target, this.#heap.length);
    this.#heap.push(e);
    this.#up(e.index);
    if (e.index === 0) this.#arm();
    return e;
  }

  /**
   * Forgets a deadline; harmless when it fired or was cancelled already. When the heap
   * empties, the timer is cleared only if it is still empty two microtasks later: a reply's
   * awaiter that sends the next request right away adds a deadline first, and the timer
   * stays (clearing and setting one per round trip costs about 1.7 µs here).
   */
  cancel(deadline: Deadline | undefined): void {
    const e = deadline as Entry | undefined;
    if (e === undefined || e.target === undefined) return;
    e.target = undefined;
    this.#remove(e.index);
    if (this.#heap.length === 0) this.#checkIdle();
  }

  #idleCheck = false;
  #checkIdle(): void {
    if (this.#idleCheck || this.#timer === undefined) return;
    this.#idleCheck = true;
    queueMicrotask(() =>
      queueMicrotask(() => {
        this.#idleCheck = false;
        if (this.#heap.length === 0) this.#disarm();
      })
    );
  }

  /** Fires every deadline that is due. Cheap when none is: one clock read, one comparison. */
  runDue(): void {
    const heap = this.#heap;
    if (heap.length === 0 || heap[0].at > now()) return;
    const t = now();
    while (heap.length > 0 && heap[0].at <= t) {
      const e = heap[0];
      const target = e.target!;
      e.target = undefined;
      this.#remove(0);
      try {
        target.expire();
      } catch (error) {
        this.#onError(error);
      }
    }
    this.#arm();
  }

  #arm(): void {
    if (this.#heap.length === 0) return this.#disarm();
    const at = this.#heap[0].at;
    // A timer that fires at or before the earliest deadline can stay: it re-arms itself.
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = Infinity;
      this.runDue();
      this.#arm();
    }, Math.min(Math.max(0, Math.ceil(at - now())), MAX_TIMEOUT_MS));
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #less(a: Entry, b: Entry): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #remove(i: number): void {
    const heap = this.#heap;
    const last = heap.pop()!;
    if (i === heap.length) return;
    heap[i] = last;
    last.index = i;
    this.#up(i);
    this.#down(last.index);
  }

  #up(i: number): void {
    const heap = this.#heap;
    const e = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.#less(e, heap[p])) break;
      heap[i] = heap[p];
      heap[i].index = i;
      i = p;
    }
    heap[i] = e;
    e.index = i;
  }

  #down(i: number): void {
    const heap = this.#heap;
    const e = heap[i];
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#less(heap[r], heap[l]) ? r : l;
      if (!this.#less(heap[c], e)) break;
      heap[i] = heap[c];
      heap[i].index = i;
      i = c;
    }
    heap[i] = e;
    e.index = i;
  }
}

/**
 * The isolate's deadlines: shared by every Controller, so a flood on one Controller's
 * dispatch path also fires the deadlines of another.
 */
export const deadlines: Deadlines = new Deadlines((error) => {
  logger("controller").error("A deadline's callback threw: {error}", { error });
});
