// The bounded poll queue of one connection: oldest dropped when full, removal anywhere.
// Queued messages are kept as their frames, copied into one byte arena, and decoded when
// taken: under a flood with no consumer nothing per message outlives the next collection,
// so V8's young generation does not grow with the queue (docs/controller.md, "Memory").
import { decode, type OfpMessage } from "../ofp/codec.ts";

/** Selects messages: a type name, "all", or a predicate. */
export type MessageFilter = string | ((message: OfpMessage) => boolean);

/**
 * The message type a type name selects: `MessageOfType<"PACKET_IN">` is the PACKET_IN
 * messages of every version; "all" and unknown names give any message.
 */
export type MessageOfType<K extends string> = K extends OfpMessage["type"]
  ? Extract<OfpMessage, { type: K }>
  : OfpMessage;

/** Whether `message` passes `filter`. */
export function matches(filter: MessageFilter, message: OfpMessage): boolean {
  if (typeof filter === "function") return filter(message);
  return filter === "all" || message.type === filter;
}

/**
 * A FIFO of at most `capacity` messages; pushing into a full queue drops the oldest. Each
 * message is held as its frame (already decoded once on arrival, so it is known to decode)
 * and decoded again, from a private copy, when it is taken.
 */
export class PollQueue {
  // Frames are appended to the arena; entry i is arena[offset[i], offset[i] + size[i]).
  // A taken entry has size -1. Entries head..tail-1 are the queue, oldest first; when the
  // arena or the entry arrays are full, the live entries are moved to the front.
  #arena = new Uint8Array(4096);
  #end = 0;
  #offset = new Int32Array(64);
  #size = new Int32Array(64);
  /** The version to give the decoded message (an ERROR of another version), or 0. */
  #version = new Uint8Array(64);
  /** The decoded message's `type`, for type-name filters without decoding. */
  #type: string[] = new Array(64);
  #head = 0;
  #tail = 0;
  #live = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.#live;
  }

  /**
   * Appends a copy of `frame`, whose decoded type is `type`; `version` (when not 0) replaces
   * the decoded message's version. Returns true when the oldest message was dropped.
   */
  push(frame: Uint8Array, type: string, version = 0): boolean {
    let expired = false;
    if (this.#live >= this.capacity) {
      this.#remove(this.#head);
      expired = true;
    }
    if (this.#tail === this.#size.length || this.#end + frame.length > this.#arena.length) {
      this.#compact(frame.length);
    }
    const i = this.#tail++;
    this.#arena.set(frame, this.#end);
    this.#offset[i] = this.#end;
    this.#size[i] = frame.length;
    this.#version[i] = version;
    this.#type[i] = type;
    this.#end += frame.length;
    this.#live++;
    return expired;
  }

  /** Removes and returns the first message passing `filter`. */
  take(filter: MessageFilter): OfpMessage | undefined {
    const byName = typeof filter === "string";
    for (let i = this.#head; i < this.#tail; i++) {
      if (this.#size[i] < 0) continue;
      if (byName && filter !== "all" && this.#type[i] !== filter) continue;
      const m = this.#decode(i);
      if (!byName && !filter(m)) continue;
      this.#remove(i);
      return m;
    }
    return undefined;
  }

  /** Empties the queue; returns how many messages it held. */
  clear(): number {
    const n = this.#live;
    this.#live = 0;
    this.#head = this.#tail = this.#end = 0;
    if (this.#arena.length > 65536) this.#arena = new Uint8Array(4096);
    return n;
  }

  #decode(i: number): OfpMessage {
    const at = this.#offset[i];
    const m = decode(this.#arena.slice(at, at + this.#size[i]));
    return this.#version[i] === 0 ? m : { ...m, version: this.#version[i] } as OfpMessage;
  }

  #remove(i: number): void {
    this.#size[i] = -1;
    this.#live--;
    if (this.#live === 0) {
      this.#head = this.#tail = this.#end = 0;
      return;
    }
    while (this.#head < this.#tail && this.#size[this.#head] < 0) this.#head++;
  }

  /** Moves the live entries to the front, growing the arrays if still short of room. */
  #compact(need: number): void {
    let j = 0, end = 0;
    for (let i = this.#head; i < this.#tail; i++) {
      const size = this.#size[i];
      if (size < 0) continue;
      const at = this.#offset[i];
      if (at !== end) this.#arena.copyWithin(end, at, at + size);
      this.#offset[j] = end;
      this.#size[j] = size;
      this.#version[j] = this.#version[i];
      this.#type[j] = this.#type[i];
      end += size;
      j++;
    }
    this.#head = 0;
    this.#tail = j;
    this.#end = end;
    // Grown at half full, so a compaction always frees at least as much as it copies.
    if (2 * (j + 1) > this.#size.length) {
      const n = 2 * this.#size.length;
      this.#offset = grow(this.#offset, new Int32Array(n));
      this.#size = grow(this.#size, new Int32Array(n));
      this.#version = grow(this.#version, new Uint8Array(n));
      this.#type.length = n;
    }
    if (2 * (end + need) > this.#arena.length) {
      this.#arena = grow(this.#arena, new Uint8Array(2 * (end + need)));
    }
  }
}

function grow<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
