// Handlers by message type name or "all": a connection's own, and the Controller's for every
// connection. Lists are copied on write, so a handler that (un)registers while messages are
// dispatched does not disturb the list being iterated.
import type { Logger } from "@logtape/logtape";
import type { OfpMessage } from "../ofp/codec.ts";
import type { Handler, SwitchConnection } from "./switch_connection.ts";

/** Handlers by key: a message type name, or "all". */
export class HandlerTable {
  readonly byKey: Map<string, Handler[]> = new Map();
  #size = 0;

  /** Registered handlers, over every key. */
  get size(): number {
    return this.#size;
  }

  /** Adds a handler; returns the function that removes it (once). */
  add(key: string, handler: Handler): () => void {
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), handler]);
    this.#size++;
    let removed = false;
    return () => {
      const list = this.byKey.get(key);
      const at = list ? list.indexOf(handler) : -1;
      if (removed || at < 0) return;
      removed = true;
      const next = list!.filter((_, i) => i !== at);
      if (next.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, next);
      this.#size--;
    };
  }

  /** Removes every handler of `key`. */
  clear(key: string): void {
    const list = this.byKey.get(key);
    if (!list) return;
    this.#size -= list.length;
    this.byKey.delete(key);
  }

  /**
   * `register(key, handler | undefined)` of the public API: adds, or clears the key.
   *
   * @throws {TypeError} If the handler is neither a function nor undefined.
   */
  register(key: string, handler: Handler | undefined): () => void {
    if (handler === undefined) {
      this.clear(key);
      return () => {};
    }
    if (typeof handler !== "function") {
      throw new TypeError(`Expected a handler function or undefined, got ${typeof handler}`);
    }
    return this.add(key, handler);
  }
}

/** A connection's handlers, then the Controller's, in OFTest's order. */
export class Dispatcher {
  constructor(
    readonly own: HandlerTable,
    readonly shared: HandlerTable,
    readonly log: Logger,
  ) {}

  /** Whether any handler would see a message of this type (checked before decoding). */
  wants(type: string): boolean {
    if (this.own.size === 0 && this.shared.size === 0) return false;
    const own = this.own.byKey, shared = this.shared.byKey;
    return own.has(type) || shared.has(type) || own.has("all") || shared.has("all");
  }

  /**
   * Runs the handlers for the message's type, then for "all"; the connection's before the
   * Controller's. Returns true when one consumed the message (returned exactly `true`).
   */
  dispatch(message: OfpMessage, conn: SwitchConnection): boolean {
    const own = this.own.byKey, shared = this.shared.byKey;
    return this.#run(own.get(message.type), message, conn) ||
      this.#run(shared.get(message.type), message, conn) ||
      this.#run(own.get("all"), message, conn) || this.#run(shared.get("all"), message, conn);
  }

  #run(list: Handler[] | undefined, message: OfpMessage, conn: SwitchConnection): boolean {
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) {
      try {
        if (list[i](message, conn) === true) return true;
      } catch (error) {
        this.log.error("A handler for {type} threw: {error}", {
          type: message.type,
          error,
          connection: conn.id,
        });
      }
    }
    return false;
  }
}
