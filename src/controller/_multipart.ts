// One multipart (1.3) or stats (1.0) exchange: the parts of one xid, followed by REPLY_MORE,
// collected or streamed in linear time, bounded in parts, bytes, idle time between parts and
// time for the whole reply.
import type { OfpMessage } from "../ofp/codec.ts";
import { COMMON_TYPES } from "../ofp/_versions.ts";
import { type Deadline, deadlines } from "./_deadlines.ts";
import { MultipartLimitError, TransactionTimeoutError } from "./errors.ts";
import { Next, type Pending, type Reply } from "./_transactions.ts";

/** The bounds of one exchange. */
export interface MultipartLimits {
  /** Longest wait for the first part and between parts, in ms. */
  readonly idle: number;
  /** Longest wait for the whole reply, in ms. */
  readonly total: number;
  /** Most parts. */
  readonly maxParts: number;
  /** Most bytes (whole frames). */
  readonly maxBytes: number;
}

/** What an exchange needs from its connection. */
export interface MultipartHooks {
  /** The error for an ERROR reply. */
  switchError(reply: Reply): Error;
  /** Forget the xid and drop its later parts as late. */
  abandon(xid: number): void;
}

/** Stream mode compacts its queue once this many parts were taken from its head. */
const COMPACT_AFTER = 1024;

/** The parts of one xid, as they come, until the last one, an error, a cap or a deadline. */
export class MultipartExchange implements Pending {
  readonly #xid: number;
  readonly #msgType: number;
  readonly #limits: MultipartLimits;
  readonly #hooks: MultipartHooks;
  #parts: (OfpMessage | undefined)[] = [];
  #head = 0;
  #count = 0;
  #bytes = 0;
  #lastPart: number;
  #idle: Deadline | undefined;
  #total: Deadline | undefined;
  #finished = false;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  constructor(xid: number, msgType: number, limits: MultipartLimits, hooks: MultipartHooks) {
    this.#xid = xid;
    this.#msgType = msgType;
    this.#limits = limits;
    this.#hooks = hooks;
    this.#lastPart = performance.now();
    this.#idle = deadlines.add(limits.idle, () => this.#idleExpired());
    this.#total = deadlines.add(limits.total, () => {
      this.#total = undefined;
      this.#timeout(limits.total, true);
    });
  }

  deliver(reply: Reply): Next {
    if (this.#settled()) return Next.abandon;
    if (reply.wtype === COMMON_TYPES.ERROR) {
      this.#settle(this.#hooks.switchError(reply));
      return Next.done;
    }
    const parts = ++this.#count;
    const bytes = (this.#bytes += reply.length);
    const { maxParts, maxBytes } = this.#limits;
    if (parts > maxParts || bytes > maxBytes) {
      const limit = parts > maxParts ? "parts" : "bytes";
      const max = limit === "parts" ? maxParts : maxBytes;
      this.#settle(new MultipartLimitError({ xid: this.#xid, limit, max, parts, bytes }));
      return Next.abandon;
    }
    this.#parts.push(reply.message);
    this.#lastPart = performance.now();
    if (reply.more) {
      this.#notify();
      return Next.wait;
    }
    this.#finished = true;
    this.#settle(undefined);
    return Next.done;
  }

  fail(error: Error): void {
    this.#settle(error);
  }

  /** Every part, once the last came. */
  collect(): Promise<OfpMessage[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.#failure) reject(this.#failure);
        else if (this.#finished) resolve(this.#parts as OfpMessage[]);
        else this.#wake = check;
      };
      check();
    });
  }

  /** The parts as they come; leaving early abandons the exchange. */
  async *stream(): AsyncGenerator<OfpMessage, void, undefined> {
    try {
      for (;;) {
        while (this.#head < this.#parts.length) {
          const part = this.#parts[this.#head]!;
          this.#parts[this.#head++] = undefined;
          if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#parts.length) {
            this.#parts = this.#parts.slice(this.#head);
            this.#head = 0;
          }
          yield part;
        }
        if (this.#failure) throw this.#failure;
        if (this.#finished) return;
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      if (!this.#settled()) {
        this.#settle(new Error("The consumer left the multipart stream"));
        this.#hooks.abandon(this.#xid);
      }
    }
  }

  #settled(): boolean {
    return this.#finished || this.#failure !== undefined;
  }

  #idleExpired(): void {
    this.#idle = undefined;
    const quiet = performance.now() - this.#lastPart;
    // Parts came since the deadline was set: wait for the rest of the idle time only.
    if (quiet < this.#limits.idle) {
      this.#idle = deadlines.add(this.#limits.idle - quiet, () => this.#idleExpired());
      return;
    }
    this.#timeout(this.#limits.idle, false);
  }

  #timeout(ms: number, whole: boolean): void {
    if (this.#settled()) return;
    const parts = this.#count === 0 && !whole ? undefined : this.#count;
    this.#settle(new TransactionTimeoutError(this.#xid, ms, this.#msgType, { parts, whole }));
    this.#hooks.abandon(this.#xid);
  }

  #settle(failure: Error | undefined): void {
    if (failure && !this.#settled()) this.#failure = failure;
    deadlines.cancel(this.#idle);
    deadlines.cancel(this.#total);
    this.#idle = this.#total = undefined;
    this.#notify();
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/**
 * Whether a request is answered in parts: a MULTIPART_REQUEST (1.3) or STATS_REQUEST (1.0)
 * message, or a raw frame of that type. @internal
 */
export function isMultipartRequest(
  message: OfpMessage | Uint8Array,
  multipartReply: number | undefined,
): boolean {
  if (message instanceof Uint8Array) {
    return multipartReply !== undefined && message.length >= 8 &&
      message[1] === multipartReply - 1;
  }
  return message?.type === "MULTIPART_REQUEST" || message?.type === "STATS_REQUEST";
}

/**
 * One reply from every part of a multipart reply: the parts' entry lists concatenated
 * under the first part's header, REPLY_MORE cleared. @internal
 *
 * @throws {TypeError} If several parts came and their bodies are not entry lists.
 */
export function mergeParts(parts: OfpMessage[]): OfpMessage {
  if (parts.length === 1) return parts[0];
  const bodies = parts.map((p) => (p as { body?: { type?: string; entries?: unknown } }).body);
  if (!bodies.every((b) => Array.isArray(b?.entries))) {
    throw new TypeError(
      `Cannot merge a reply of ${parts.length} parts whose bodies (${bodies[0]?.type}) are not ` +
        "entry lists: use transactMultipart or streamMultipart",
    );
  }
  const first = parts[0] as OfpMessage & { flags: number; body: { entries: unknown[] } };
  return {
    ...first,
    flags: first.flags & ~1,
    body: { ...first.body, entries: bodies.flatMap((b) => b!.entries as unknown[]) },
  } as OfpMessage;
}
