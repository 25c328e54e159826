// One flow table: entries grouped by mask shape (tuple space search), each shape a hash table
// of masked values, shapes visited by falling maximum priority so a lookup stops early.
import type { FlowEntry } from "./_flow_entry.ts";
import type { FlowMatch } from "./_match.ts";

/** Flows sharing one mask shape. */
class Tuple {
  readonly slots: Uint8Array;
  readonly masks: Int32Array;
  readonly buckets = new Map<number, FlowEntry[]>();
  maxPriority = -1;
  count = 0;

  constructor(match: FlowMatch) {
    this.slots = match.slots;
    this.masks = match.masks;
  }

  hashKey(key: Int32Array): number {
    const { slots, masks } = this;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < slots.length; i++) {
      h = Math.imul(h ^ (key[slots[i]] & masks[i]), 0x01000193);
    }
    return h;
  }
}

function hashValues(values: Int32Array): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < values.length; i++) h = Math.imul(h ^ values[i], 0x01000193);
  return h;
}

/** A flow table with its lookup and match counters. */
export class FlowTable {
  /** Table id. */
  readonly id: number;
  /** Packets looked up. */
  lookups = 0;
  /** Packets that matched an entry. */
  matched = 0;
  /** Most entries the table holds. */
  readonly maxEntries: number;
  #tuples: Tuple[] = [];
  #byShape = new Map<string, Tuple>();
  #byId = new Map<string, FlowEntry>();
  #ordered = true;

  constructor(id: number, maxEntries: number) {
    this.id = id;
    this.maxEntries = maxEntries;
  }

  /** Entries in the table. */
  get size(): number {
    return this.#byId.size;
  }

  /** The entry with exactly this match and priority. */
  findStrict(match: FlowMatch, priority: number): FlowEntry | undefined {
    return this.#byId.get(`${priority}@${match.id}`);
  }

  /** Adds an entry (the caller has removed any entry with the same match and priority). */
  add(entry: FlowEntry): void {
    const id = `${entry.priority}@${entry.match.id}`;
    if (this.#byId.has(id)) throw new RangeError(`Flow ${id} is already in table ${this.id}`);
    this.#byId.set(id, entry);
    let tuple = this.#byShape.get(entry.match.shape);
    if (!tuple) {
      tuple = new Tuple(entry.match);
      this.#byShape.set(entry.match.shape, tuple);
      this.#tuples.push(tuple);
    }
    const h = hashValues(entry.match.values);
    const bucket = tuple.buckets.get(h);
    if (!bucket) tuple.buckets.set(h, [entry]);
    else {
      // Highest priority first; among equals, the older entry first.
      let i = bucket.length;
      while (i > 0 && bucket[i - 1].priority < entry.priority) i--;
      bucket.splice(i, 0, entry);
    }
    tuple.count++;
    if (entry.priority > tuple.maxPriority) {
      tuple.maxPriority = entry.priority;
      this.#ordered = false;
    }
  }

  /** Removes an entry. */
  remove(entry: FlowEntry): void {
    const id = `${entry.priority}@${entry.match.id}`;
    if (this.#byId.get(id) !== entry) return;
    this.#byId.delete(id);
    const tuple = this.#byShape.get(entry.match.shape)!;
    const h = hashValues(entry.match.values);
    const bucket = tuple.buckets.get(h)!;
    bucket.splice(bucket.indexOf(entry), 1);
    if (bucket.length === 0) tuple.buckets.delete(h);
    tuple.count--;
    if (tuple.count === 0) {
      this.#byShape.delete(entry.match.shape);
      this.#tuples.splice(this.#tuples.indexOf(tuple), 1);
    } else if (entry.priority === tuple.maxPriority) {
      let max = -1;
      for (const b of tuple.buckets.values()) if (b[0].priority > max) max = b[0].priority;
      tuple.maxPriority = max;
      this.#ordered = false;
    }
  }

  /** The highest-priority entry matching a key, counting the lookup. */
  lookup(key: Int32Array): FlowEntry | undefined {
    this.lookups++;
    if (!this.#ordered) {
      this.#tuples.sort((a, b) => b.maxPriority - a.maxPriority);
      this.#ordered = true;
    }
    let best: FlowEntry | undefined;
    const tuples = this.#tuples;
    for (let t = 0; t < tuples.length; t++) {
      const tuple = tuples[t];
      if (best !== undefined && tuple.maxPriority <= best.priority) break;
      const bucket = tuple.buckets.get(tuple.hashKey(key));
      if (bucket === undefined) continue;
      for (let i = 0; i < bucket.length; i++) {
        const e = bucket[i];
        if (best !== undefined && e.priority <= best.priority) break;
        if (e.match.matches(key)) {
          best = e;
          break;
        }
      }
    }
    if (best !== undefined) this.matched++;
    return best;
  }

  /** Every entry, in no particular order. */
  entries(): IterableIterator<FlowEntry> {
    return this.#byId.values();
  }
}
