// One connection's transaction ids: allocation, the pending exchanges by xid, and the memory
// of abandoned ones (timed out, refused, left early), whose late replies are counted and
// dropped rather than mistaken for messages of their own.
import type { OfpMessage } from "../ofp/codec.ts";
import type { VersionFacts } from "../ofp/_versions.ts";
import { SwitchError } from "./errors.ts";

/** A reply handed to a pending exchange. */
export interface Reply {
  /** The decoded reply. */
  readonly message: OfpMessage;
  /** Its wire type number. */
  readonly wtype: number;
  /** Its length in bytes. */
  readonly length: number;
  /** Whether it is a multipart part with REPLY_MORE set. */
  readonly more: boolean;
}

/** What a pending exchange wants after a reply. */
export const Next = {
  /** Keep waiting for more replies. */
  wait: 0,
  /** Complete: forget the xid. */
  done: 1,
  /** Given up: forget the xid and drop its later replies as late. */
  abandon: 2,
} as const;
/** One of `Next`. */
export type Next = (typeof Next)[keyof typeof Next];

/** A pending transaction, multipart exchange or echo probe. */
export interface Pending {
  /** A reply with its xid came. */
  deliver(reply: Reply): Next;
  /** The exchange cannot complete (connection closed, reply undecodable). */
  fail(error: Error): void;
}

/** How many abandoned xids are remembered. */
const LATE_MEMORY = 4096;

/** Pending exchanges by xid, fresh xids, and the last abandoned xids. */
export class Transactions {
  #next = 1;
  #pending = new Map<number, Pending>();
  /** The abandoned xids remembered (made on the first). */
  #late: Set<number> | undefined;
  /** The abandoned xids in order, oldest overwritten first; grown as needed, up to LATE_MEMORY. */
  #lateRing: number[] = [];
  #lateAt = 0;

  /** Exchanges waiting for replies. */
  get size(): number {
    return this.#pending.size;
  }

  /** A fresh xid (1 to 2^32 - 1) that no pending exchange uses. */
  nextXid(): number {
    for (;;) {
      const xid = this.#next;
      this.#next = xid >= 0xffff_ffff ? 1 : xid + 1;
      if (!this.#pending.has(xid)) return xid;
    }
  }

  /** Whether an exchange with this xid is pending. */
  has(xid: number): boolean {
    return this.#pending.has(xid);
  }

  /** The exchange waiting for `xid`, if any. */
  get(xid: number): Pending | undefined {
    return this.#pending.size === 0 ? undefined : this.#pending.get(xid);
  }

  /** Starts waiting for replies with `xid`. */
  add(xid: number, pending: Pending): void {
    this.#pending.set(xid, pending);
    this.#late?.delete(xid);
  }

  /** Hands a reply to its exchange and forgets (or abandons) the xid as it asks. */
  deliver(xid: number, pending: Pending, reply: Reply): void {
    const next = pending.deliver(reply);
    if (next === Next.done) this.#pending.delete(xid);
    else if (next === Next.abandon) this.abandon(xid);
  }

  /** Completes an exchange without a reply: forgets the xid. */
  remove(xid: number): void {
    this.#pending.delete(xid);
  }

  /** Gives up on `xid`: forgets it, and remembers it so its late replies are dropped. */
  abandon(xid: number): void {
    this.#pending.delete(xid);
    const late = (this.#late ??= new Set());
    if (late.has(xid)) return;
    const ring = this.#lateRing;
    if (ring.length < LATE_MEMORY) {
      ring.push(xid);
    } else {
      late.delete(ring[this.#lateAt]);
      ring[this.#lateAt] = xid;
      this.#lateAt = (this.#lateAt + 1) % LATE_MEMORY;
    }
    late.add(xid);
  }

  /** Whether `xid` belongs to an abandoned exchange. */
  isLate(xid: number): boolean {
    return this.#late !== undefined && this.#late.has(xid);
  }

  /** Fails every pending exchange with `error` and forgets them. */
  failAll(error: Error): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) p.fail(error);
  }
}

/** The SwitchError for an ERROR reply to `xid`, with the names `facts`' tables know. */
export function switchErrorOf(
  xid: number,
  reply: Reply,
  facts: VersionFacts | undefined,
): SwitchError {
  const m = reply.message as { errType?: number; code?: number; data?: Uint8Array };
  const errType = m.errType ?? -1, code = m.code ?? -1;
  const names = facts?.errorNames(errType, code);
  return new SwitchError({
    xid,
    errType,
    code,
    typeName: names?.typeName,
    codeName: names?.codeName,
    data: m.data ?? new Uint8Array(0),
    reply: reply.message,
  });
}
