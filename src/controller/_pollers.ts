// Polls waiting for a message: each with its filter and deadline; a message is offered to
// them, oldest first, before it goes to the poll queue.
import type { OfpMessage } from "../ofp/codec.ts";
import { type Deadline, deadlines } from "./_deadlines.ts";
import { matches, type MessageFilter } from "./poll_queue.ts";

interface Poller {
  filter: MessageFilter;
  resolve(message: OfpMessage | undefined): void;
  reject(error: Error): void;
  deadline: Deadline | undefined;
}

/** The polls waiting on one connection. */
export class Pollers {
  #waiting: Poller[] = [];

  /** Polls waiting. */
  get size(): number {
    return this.#waiting.length;
  }

  /** Waits up to `timeout` ms for a message passing `filter`; undefined when none came. */
  wait(filter: MessageFilter, timeout: number): Promise<OfpMessage | undefined> {
    const { promise, resolve, reject } = Promise.withResolvers<OfpMessage | undefined>();
    const poller: Poller = { filter, resolve, reject, deadline: undefined };
    poller.deadline = deadlines.add(timeout, () => {
      this.#drop(poller);
      resolve(undefined);
    });
    this.#waiting.push(poller);
    return promise;
  }

  /**
   * Gives the message to the first waiting poll it passes; returns whether one took it. A
   * filter that throws rejects its poll.
   */
  offer(message: OfpMessage): boolean {
    for (let i = 0; i < this.#waiting.length; i++) {
      const p = this.#waiting[i];
      let ok: boolean;
      try {
        ok = matches(p.filter, message);
      } catch (e) {
        this.#drop(p);
        p.reject(e as Error);
        i--;
        continue;
      }
      if (ok) {
        this.#drop(p);
        p.resolve(message);
        return true;
      }
    }
    return false;
  }

  /** Rejects every waiting poll. */
  rejectAll(error: Error): void {
    for (const p of this.#waiting.splice(0)) {
      deadlines.cancel(p.deadline);
      p.reject(error);
    }
  }

  #drop(p: Poller): void {
    deadlines.cancel(p.deadline);
    const at = this.#waiting.indexOf(p);
    if (at >= 0) this.#waiting.splice(at, 1);
  }
}
