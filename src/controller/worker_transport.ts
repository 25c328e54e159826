/**
 * The socket worker's main-thread side: starts `workers/socket_worker.ts` and talks to it
 * through two shared-memory rings — writes down, complete frames up, each side woken only
 * when it sleeps — plus posted messages for whatever carries objects, each at its place
 * among the ring's records.
 *
 * @module
 */
import type { ErrorFields, FromWorker, RingSettings, ToWorker } from "./_protocol.ts";
import { R } from "./_protocol.ts";
import { newRingBuffer, RingReader, RingWriter } from "./_ring.ts";
import { RingInbox, RingOutbox } from "./_ring_link.ts";
import type {
  Address,
  RetryOptions,
  Transport,
  TransportEvents,
  TransportTls,
} from "./transport.ts";

/** How long `close()` waits for the worker's acknowledgement before terminating it anyway. */
const SHUTDOWN_GRACE_MS = 2000;

/** The rings' default sizes (docs/controller.md, "Threads", says why). */
export const DEFAULT_RINGS: RingSettings = {
  downBytes: 1 << 20,
  upBytes: 1 << 20,
  postAbove: 64 * 1024,
  postWritesAbove: 16 * 1024,
};

/** An error from the worker, as the same class where it is a built-in one. */
function toError(e: ErrorFields): Error {
  const Class = e.name === "TypeError" ? TypeError : e.name === "RangeError" ? RangeError : Error;
  const err = new Class(e.message);
  err.name = e.name;
  return err;
}

/**
 * The {@linkcode Transport} the Controller uses by default: a Web Worker owns the sockets.
 * @internal
 */
export class WorkerTransport implements Transport {
  #worker: Worker | undefined;
  #events: TransportEvents | undefined;
  #open = new Set<number>();
  #listens = new Map<number, PromiseWithResolvers<Address[]>>();
  #nextReq = 1;
  #down: RingOutbox | undefined;
  #up: RingInbox<FromWorker> | undefined;
  /** Frame offsets of the record being dispatched (reused: receivers do not keep them). */
  #offsets = new Uint32Array(256);
  #closing: Promise<void> | undefined;
  /** The worker's current slab of counter blocks (one object for its 256 connections). */
  #slab: SharedArrayBuffer | undefined;
  #shutdownDone: (() => void) | undefined;
  readonly #url: URL;
  readonly #rings: RingSettings;

  /**
   * @param url The worker module; the packaged `workers/socket_worker.ts` by default.
   * @param rings Ring sizes (tests use small ones to exercise wrap-around and back-pressure).
   */
  constructor(
    url: URL = new URL("../../workers/socket_worker.ts", import.meta.url),
    rings: Partial<RingSettings> = {},
  ) {
    this.#url = url;
    this.#rings = { ...DEFAULT_RINGS, ...rings };
  }

  start(events: TransportEvents, totals: SharedArrayBuffer): void {
    this.#events = events;
    const down = newRingBuffer(this.#rings.downBytes);
    const up = newRingBuffer(this.#rings.upBytes);
    this.#down = new RingOutbox(new RingWriter(down));
    const inbox = (this.#up = new RingInbox<FromWorker>(new RingReader(up), {
      record: (r) => this.#frames(r),
      post: (m) => this.#onMessage(m),
    }));
    const worker = new Worker(this.#url, { type: "module" });
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.t === "log") events.log(m.level, m.message, m.props);
      else inbox.posted(m);
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.#crashed(new Error(`The socket worker failed: ${e.message}`));
    };
    worker.onmessageerror = () => {
      events.log("error", "A message from the socket worker could not be deserialized", {});
    };
    worker.postMessage({ t: "init", totals, down, up, rings: this.#rings } satisfies ToWorker);
    inbox.start();
  }

  /** An up-ring record: complete frames, copied out of the ring for the receiver to keep. */
  #frames(r: RingReader): void {
    if (r.kind !== R.bytes) return;
    // new + set: slice() of a shared buffer's view takes half as long again.
    const bytes = new Uint8Array(r.length);
    bytes.set(r.bytes.subarray(r.at, r.at + r.length));
    this.#deliver(r.id, bytes, r.length);
  }

  #deliver(id: number, bytes: Uint8Array, length: number): void {
    let offsets = this.#offsets;
    let count = 0;
    for (let at = 0; at < length; at += (bytes[at + 2] << 8) | bytes[at + 3]) {
      if (count === offsets.length) {
        const grown = new Uint32Array(offsets.length * 2);
        grown.set(offsets);
        offsets = this.#offsets = grown;
      }
      offsets[count++] = at;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, length);
    this.#events!.data(id, bytes.subarray(0, length), view, offsets, count);
  }

  /** Posts an ordered command: a POST record marks its place among the writes. */
  #command(msg: ToWorker): void {
    const down = this.#down!;
    down.mark();
    this.#worker?.postMessage(msg);
    down.publish();
  }

  #onMessage(m: FromWorker): void {
    const events = this.#events!;
    switch (m.t) {
      case "data": {
        const view = new DataView(m.buffer, 0, m.length);
        const bytes = new Uint8Array(m.buffer, 0, m.length);
        this.#events!.data(m.id, bytes, view, m.offsets, m.offsets.length);
        break;
      }
      case "open":
        this.#open.add(m.id);
        if (m.counters) this.#slab = m.counters;
        events.opened(m.id, {
          local: m.local,
          remote: m.remote,
          counters: this.#slab!,
          countersOffset: m.countersOffset,
          tls: m.tls,
        });
        break;
      case "closed":
        if (this.#open.delete(m.id)) events.closed(m.id, m.error ? toError(m.error) : undefined);
        break;
      case "listening":
        this.#listens.get(m.req)?.resolve(m.addresses);
        this.#listens.delete(m.req);
        break;
      case "listen-failed":
        this.#listens.get(m.req)?.reject(toError(m.error));
        this.#listens.delete(m.req);
        break;
      case "dial-failed":
        events.dialFailed(m.dialId, toError(m.error), m.final);
        break;
      case "log":
        events.log(m.level, m.message, m.props);
        break;
      case "shutdown-done":
        this.#shutdownDone?.();
        break;
    }
  }

  #crashed(cause: Error): void {
    this.#events?.log("error", cause.message, { error: cause });
    this.#up?.stop();
    this.#down?.close();
    for (const { reject } of this.#listens.values()) reject(cause);
    this.#listens.clear();
    for (const id of [...this.#open]) {
      this.#open.delete(id);
      this.#events?.closed(id, cause);
    }
    this.#shutdownDone?.();
  }

  listen(addresses: readonly Address[], tls: TransportTls | undefined): Promise<Address[]> {
    const req = this.#nextReq++;
    const p = Promise.withResolvers<Address[]>();
    if (this.#closing) {
      p.reject(new Error("Cannot listen: the transport is closed"));
      return p.promise;
    }
    this.#listens.set(req, p);
    this.#command({ t: "listen", req, addresses: addresses.map((a) => ({ ...a })), tls });
    return p.promise;
  }

  dial(
    dialId: number,
    target: Address,
    retry: Required<RetryOptions>,
    tls: TransportTls | undefined,
  ): void {
    this.#command({
      t: "dial",
      dialId,
      target: { hostname: target.hostname, port: target.port },
      retry: { ...retry },
      tls,
    });
  }

  write(ids: readonly number[], chunks: readonly Uint8Array[]): void {
    const down = this.#down;
    if (down === undefined) return;
    const big = this.#rings.postWritesAbove;
    for (let i = 0; i < ids.length; i++) {
      const chunk = chunks[i];
      if (chunk.length <= big) {
        down.putStream(R.bytes, ids[i], chunk);
      } else {
        const bytes = chunk.slice();
        down.mark();
        this.#worker?.postMessage({ t: "write", id: ids[i], bytes } satisfies ToWorker, [
          bytes.buffer,
        ]);
      }
    }
    down.publish();
  }

  closeConnection(id: number): void {
    const down = this.#down;
    if (down === undefined) return;
    down.put(R.close, id);
    down.publish();
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    const worker = this.#worker;
    if (!worker) return (this.#closing = Promise.resolve());
    const { promise, resolve } = Promise.withResolvers<void>();
    const timer = setTimeout(() => {
      this.#events?.log("warning", "The socket worker did not acknowledge shutdown in time", {
        graceMs: SHUTDOWN_GRACE_MS,
      });
      resolve();
    }, SHUTDOWN_GRACE_MS);
    this.#shutdownDone = () => {
      clearTimeout(timer);
      resolve();
    };
    this.#command({ t: "shutdown" });
    this.#closing = promise.then(() => {
      this.#up?.stop();
      this.#down?.close();
      worker.terminate();
      this.#worker = undefined;
      for (const { reject } of this.#listens.values()) {
        reject(new Error("Cannot listen: the transport closed first"));
      }
      this.#listens.clear();
      for (const id of [...this.#open]) {
        this.#open.delete(id);
        this.#events?.closed(id, undefined);
      }
    });
    return this.#closing;
  }
}
