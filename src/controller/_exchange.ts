// One request awaiting one reply: its promise, its deadline, its entry in the table of
// pending xids — a single object, so that a transaction costs no closures of its own (10,000
// outstanding at once are 10,000 of these).
import { COMMON_TYPES } from "../ofp/_versions.ts";
import type { OfpMessage } from "../ofp/codec.ts";
import { type Deadline, deadlines, type Expiring } from "./_deadlines.ts";
import { TransactionTimeoutError } from "./errors.ts";
import { Next, type Pending, type Reply, type Transactions } from "./_transactions.ts";

/** What an exchange needs from its connection. */
export interface ExchangeHost {
  /** The connection's pending xids. */
  readonly tx: Transactions;
  /** The SwitchError for an ERROR reply to `xid`. */
  switchError(xid: number, reply: Reply): Error;
}

/** A request whose one reply (or ERROR) settles `promise`, within `timeout` ms. */
export class Exchange implements Pending, Expiring {
  readonly promise: Promise<OfpMessage>;
  #resolve!: (message: OfpMessage) => void;
  #reject!: (error: unknown) => void;
  readonly #deadline: Deadline;

  constructor(
    readonly host: ExchangeHost,
    readonly xid: number,
    readonly timeout: number,
    readonly msgType: number,
  ) {
    this.promise = new Promise<OfpMessage>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#deadline = deadlines.schedule(timeout, this);
  }

  /** The reply came: an ERROR rejects with a SwitchError, anything else resolves. */
  deliver(reply: Reply): Next {
    deadlines.cancel(this.#deadline);
    if (reply.wtype === COMMON_TYPES.ERROR) this.#reject(this.host.switchError(this.xid, reply));
    else this.#resolve(reply.message);
    return Next.done;
  }

  /** It cannot complete (the connection closed, the reply did not decode). */
  fail(error: Error): void {
    deadlines.cancel(this.#deadline);
    this.#reject(error);
  }

  /** The deadline passed: the xid is abandoned (a late reply is counted and dropped). */
  expire(): void {
    this.host.tx.abandon(this.xid);
    this.#reject(new TransactionTimeoutError(this.xid, this.timeout, this.msgType));
  }
}
