// The bounded poll queue of one connection: oldest dropped when full, removal anywhere.
import type { OfpMessage } from "../ofp/codec.ts";

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

/** A FIFO of at most `capacity` messages; pushing into a full queue drops the oldest. */
export class PollQueue {
  #items: (OfpMessage | undefined)[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** Appends; returns true when the oldest message was dropped to make room. */
  push(message: OfpMessage): boolean {
    let expired = false;
    if (this.length >= this.capacity) {
      this.#items[this.#head++] = undefined;
      expired = true;
    }
    this.#items.push(message);
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return expired;
  }

  /** Removes and returns the first message passing `filter`. */
  take(filter: MessageFilter): OfpMessage | undefined {
    for (let i = this.#head; i < this.#items.length; i++) {
      const m = this.#items[i]!;
      if (matches(filter, m)) {
        if (i === this.#head) {
          this.#items[this.#head++] = undefined;
        } else {
          this.#items.splice(i, 1);
        }
        return m;
      }
    }
    return undefined;
  }

  /** Empties the queue; returns how many messages it held. */
  clear(): number {
    const n = this.length;
    this.#items = [];
    this.#head = 0;
    return n;
  }

  /** The queued messages, oldest first (a copy). */
  toArray(): OfpMessage[] {
    return this.#items.slice(this.#head) as OfpMessage[];
  }
}
