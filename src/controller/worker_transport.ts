/**
 * The socket worker's main-thread side: starts `workers/socket_worker.ts`, batches writes per
 * tick into one transferred post, and turns the worker's posts into transport events.
 *
 * @module
 */
import type { ErrorFields, FromWorker, ToWorker } from "./_protocol.ts";
import type {
  Address,
  RetryOptions,
  Transport,
  TransportEvents,
  TransportTls,
} from "./transport.ts";

/** How long `close()` waits for the worker's acknowledgement before terminating it anyway. */
const SHUTDOWN_GRACE_MS = 2000;

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
  #ids: number[] = [];
  #chunks: Uint8Array[] = [];
  #flushScheduled = false;
  #closing: Promise<void> | undefined;
  readonly #url: URL;

  /**
   * @param url The worker module; the packaged `workers/socket_worker.ts` by default.
   */
  constructor(url: URL = new URL("../../workers/socket_worker.ts", import.meta.url)) {
    this.#url = url;
  }

  start(events: TransportEvents, totals: SharedArrayBuffer): void {
    this.#events = events;
    const worker = new Worker(this.#url, { type: "module" });
    this.#worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.#onMessage(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.#crashed(new Error(`The socket worker failed: ${e.message}`));
    };
    worker.onmessageerror = () => {
      events.log("error", "A message from the socket worker could not be deserialized", {});
    };
    this.#post({ t: "init", totals });
  }

  #post(msg: ToWorker, transfer: Transferable[] = []): void {
    this.#worker?.postMessage(msg, transfer);
  }

  #onMessage(m: FromWorker): void {
    const events = this.#events!;
    switch (m.t) {
      case "data": {
        const bytes = new Uint8Array(m.buffer, 0, m.length);
        const view = new DataView(m.buffer, 0, m.length);
        events.data(m.id, bytes, view, m.offsets, m.offsets.length);
        break;
      }
      case "open":
        this.#open.add(m.id);
        events.opened(m.id, { local: m.local, remote: m.remote, counters: m.counters, tls: m.tls });
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
    this.#post({ t: "listen", req, addresses: addresses.map((a) => ({ ...a })), tls });
    return p.promise;
  }

  dial(
    dialId: number,
    target: Address,
    retry: Required<RetryOptions>,
    tls: TransportTls | undefined,
  ): void {
    this.#post({
      t: "dial",
      dialId,
      target: { hostname: target.hostname, port: target.port },
      retry: { ...retry },
      tls,
    });
  }

  write(ids: readonly number[], chunks: readonly Uint8Array[]): void {
    for (let i = 0; i < ids.length; i++) {
      this.#ids.push(ids[i]);
      this.#chunks.push(chunks[i]);
    }
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      queueMicrotask(() => this.#flush());
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#ids.length === 0) return;
    const ids = this.#ids;
    const chunks = this.#chunks;
    this.#ids = [];
    this.#chunks = [];
    const transfer: ArrayBuffer[] = [];
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i];
      // Transfer only buffers the chunk owns whole; views into shared buffers are cloned.
      if (
        c.byteOffset === 0 && c.byteLength === c.buffer.byteLength &&
        c.buffer instanceof ArrayBuffer
      ) {
        if (!transfer.includes(c.buffer)) transfer.push(c.buffer);
      }
    }
    this.#post({ t: "write", ids, chunks }, transfer);
  }

  closeConnection(id: number): void {
    this.#flush();
    this.#post({ t: "close-conn", id });
  }

  #shutdownDone: (() => void) | undefined;

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    const worker = this.#worker;
    if (!worker) return (this.#closing = Promise.resolve());
    this.#flush();
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
    this.#post({ t: "shutdown" });
    this.#closing = promise.then(() => {
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
