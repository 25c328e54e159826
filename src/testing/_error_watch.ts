// Errors the switch sends that no transaction awaits (answers to send()), kept so a barrier
// can fail on them instead of letting a refused flow-mod go unnoticed.
import type { SwitchConnection } from "../controller/mod.ts";
import { of10, of13 } from "../ofp/mod.ts";
import type { Of10Error, Of13Error } from "../ofp/mod.ts";

/** An ERROR message as the watch keeps it. @internal */
export type ErrorMessage = Of10Error | Of13Error;

/** `OFPET_BAD_REQUEST/OFPBRC_BAD_LEN (1/6)` for an error message. @internal */
export function errorText(msg: ErrorMessage): string {
  const names = msg.version === 1 ? of10 : of13;
  return `${names.errorTypeName(msg.errType)}/${names.errorName(msg.errType, msg.code)} ` +
    `(${msg.errType}/${msg.code}), xid ${msg.xid}`;
}

/** Records every ERROR of a connection that reaches its handlers. @internal */
export class ErrorWatch {
  readonly #seen: ErrorMessage[] = [];
  readonly #unregister: () => void;

  constructor(conn: SwitchConnection) {
    this.#unregister = conn.register("ERROR", (msg) => {
      this.#seen.push(structuredClone(msg as ErrorMessage));
      return false; // still reaches poll("ERROR")
    });
  }

  /** Removes and returns what was recorded. */
  take(): ErrorMessage[] {
    return this.#seen.splice(0);
  }

  /** Removes and returns the errors answering `xid`. */
  takeXid(xid: number): ErrorMessage[] {
    const out = this.#seen.filter((e) => e.xid === xid);
    if (out.length) {
      this.#seen.splice(
        0,
        this.#seen.length,
        ...this.#seen.filter((e) => e.xid !== xid),
      );
    }
    return out;
  }

  /** Stops recording. */
  close(): void {
    this.#unregister();
  }
}
