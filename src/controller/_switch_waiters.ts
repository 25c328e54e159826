// The Controller's waits for a switch (`connect`, `waitForSwitch`): each with a predicate and
// a deadline on the shared deadlines; resolved when a matching switch completes its handshake.
import { type Deadline, deadlines } from "./_deadlines.ts";
import { WaitTimeoutError } from "./errors.ts";
import type { SwitchConnection } from "./switch_connection.ts";

interface Waiter {
  match(conn: SwitchConnection): boolean;
  resolve(conn: SwitchConnection): void;
  reject(error: Error): void;
  /** Rejects on a failed handshake instead of waiting for another switch. */
  failOnHandshake: boolean;
  deadline: Deadline | undefined;
}

/** Waits for switches to become ready. */
export class SwitchWaiters {
  #waiting: Waiter[] = [];

  /**
   * Waits up to `timeout` ms for a switch passing `match`.
   *
   * @param awaited What is awaited, for the timeout error ("a switch connection").
   * @param detail More words for the timeout error, computed when it fires.
   */
  wait(
    awaited: string,
    timeout: number,
    match: (conn: SwitchConnection) => boolean,
    failOnHandshake: boolean,
    detail: () => string,
  ): Promise<SwitchConnection> {
    const { promise, resolve, reject } = Promise.withResolvers<SwitchConnection>();
    const waiter: Waiter = { match, resolve, reject, failOnHandshake, deadline: undefined };
    waiter.deadline = deadlines.add(timeout, () => {
      this.#drop(waiter);
      reject(new WaitTimeoutError(`${awaited}${detail()}`, timeout));
    });
    this.#waiting.push(waiter);
    return promise;
  }

  /** A switch completed its handshake: resolves every wait it matches. */
  ready(conn: SwitchConnection): void {
    for (const w of [...this.#waiting]) {
      let ok = false;
      try {
        ok = w.match(conn);
      } catch (e) {
        this.#drop(w);
        w.reject(e as Error);
        continue;
      }
      if (ok) {
        this.#drop(w);
        w.resolve(conn);
      }
    }
  }

  /** A handshake failed: rejects the waits that fail on that (`connect`). */
  handshakeFailed(error: Error): void {
    for (const w of [...this.#waiting]) {
      if (!w.failOnHandshake) continue;
      this.#drop(w);
      w.reject(error);
    }
  }

  /** Rejects every wait. */
  rejectAll(error: Error): void {
    for (const w of this.#waiting.splice(0)) {
      deadlines.cancel(w.deadline);
      w.reject(error);
    }
  }

  #drop(w: Waiter): void {
    deadlines.cancel(w.deadline);
    const at = this.#waiting.indexOf(w);
    if (at >= 0) this.#waiting.splice(at, 1);
  }
}
