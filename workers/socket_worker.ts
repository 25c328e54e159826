/**
 * The socket worker: owns every listener, dial and connection of one Controller, frames the
 * byte streams and transfers whole read chunks (with frame offsets) to the main thread.
 * Started by `WorkerTransport`; speaks the message protocol of `src/controller/_protocol.ts`.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { FrameAccumulator } from "../src/ofp/_frame_accumulator.ts";
import { C, Counters, newCounterBuffer } from "../src/controller/counters.ts";
import { hexdump } from "../src/controller/hexdump.ts";
import type { Address, RetryOptions, TransportTls } from "../src/controller/transport.ts";
import type { FromWorker, ToWorker } from "../src/controller/_protocol.ts";
import { breather } from "./_breather.ts";
import { Dialer } from "./_dialer.ts";
import { checkTlsMaterial, listenTls, type Stream } from "./_tls.ts";

/** Bytes posted to the main thread and not yet dispatched there, beyond which reading pauses. */
const HIGH_WATER = 4 * 1024 * 1024;
const MIN_READ = 16 * 1024;
const MAX_READ = 256 * 1024;
/** How long shutdown lets pending writes drain before closing sockets regardless. */
const DRAIN_MS = 500;
/** The pause every read loop takes while a socket floods (see `_breather.ts`). */
const breathe = breather(() => conns.values());

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function log(
  level: "debug" | "info" | "warning" | "error",
  message: string,
  props: Record<string, unknown> = {},
): void {
  post({ t: "log", level, message, props });
}

function errorFields(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

function addressOf(addr: Deno.Addr): Address {
  return "hostname" in addr
    ? { hostname: addr.hostname, port: addr.port }
    : { hostname: "", port: 0 };
}

let totals: SharedArrayBuffer | undefined;
let shuttingDown = false;
let nextId = 1;
const conns = new Map<number, Connection>();
const listeners = new Set<() => void>();
const dialers = new Set<Dialer>();

class Connection {
  readonly id: number = nextId++;
  readonly buffer: SharedArrayBuffer = newCounterBuffer();
  readonly counters: Counters = new Counters(this.buffer, totals);
  #out: Uint8Array[] = [];
  #writing = false;
  #closing = false;
  #posted = 0n;
  #cause: Error | undefined;
  readonly done: Promise<void>;

  constructor(readonly stream: Stream, local: Address, remote: Address, tls: boolean) {
    conns.set(this.id, this);
    post({ t: "open", id: this.id, local, remote, counters: this.buffer, tls });
    this.done = this.#readLoop();
  }

  async #readLoop(): Promise<void> {
    let size = MIN_READ;
    let floodingSince: number | undefined;
    const frames = new FrameAccumulator();
    const consumed = this.counters.own;
    try {
      while (!this.#closing) {
        // Flow control: wait while the main thread is far behind.
        while (this.#posted - Atomics.load(consumed, C.bytesConsumed) > HIGH_WATER) {
          if (this.#closing) return;
          const now = Atomics.load(consumed, C.bytesConsumed);
          const w = Atomics.waitAsync(consumed, C.bytesConsumed, now, 100);
          if (w.async) await w.value;
        }
        const pause = breathe(floodingSince);
        if (pause) await pause;
        if (this.#closing) return;
        const { buffer: buf, start } = frames.reserve(size);
        const room = buf.length - start;
        const n = await this.stream.read(buf.subarray(start));
        if (n === null) return;
        this.counters.add(C.bytesIn, n);
        const end = start + n;
        const offsets: number[] = [];
        const rest = frames.scan(buf, end, offsets);
        if (frames.error) {
          this.counters.add(C.parseErrors, 1);
          log("error", "Cannot frame the switch's bytes: closing the connection", {
            connection: this.id,
            error: errorFields(frames.error),
            hexdump: hexdump(buf.subarray(rest, end), { max: 256 }),
          });
          this.#postFrames(buf, rest, offsets);
          this.#cause = frames.error;
          return;
        }
        // A small read is posted as a right-sized copy: whoever keeps one of its messages
        // then keeps a few bytes alive, not the whole read buffer.
        if (offsets.length > 0) {
          this.#postFrames(rest * 4 < buf.length ? buf.slice(0, rest) : buf, rest, offsets);
        }
        if (n < room) floodingSince = undefined;
        else floodingSince ??= performance.now();
        if (n === room && size < MAX_READ) size *= 2;
        else if (n < size / 8 && size > MIN_READ) size /= 2;
      }
    } catch (e) {
      if (!this.#closing) {
        this.counters.add(C.socketErrors, 1);
        this.#cause = e as Error;
      }
    } finally {
      this.#finish();
    }
  }

  /**
   * While the main thread has not dispatched everything this connection posted: a promise
   * that settles when it dispatches more (or after `ms`). Undefined once it caught up.
   */
  backlogWait(ms: number): Promise<unknown> | undefined {
    const consumed = this.counters.own;
    const now = Atomics.load(consumed, C.bytesConsumed);
    if (this.#closing || ms <= 0 || this.#posted <= now) return undefined;
    const w = Atomics.waitAsync(consumed, C.bytesConsumed, now, ms);
    return w.async ? w.value : Promise.resolve();
  }

  #postFrames(buf: Uint8Array, length: number, offsets: number[]): void {
    if (offsets.length === 0) return;
    const offs = Uint32Array.from(offsets);
    this.#posted += BigInt(length);
    post({ t: "data", id: this.id, buffer: buf.buffer as ArrayBuffer, length, offsets: offs }, [
      buf.buffer as ArrayBuffer,
      offs.buffer,
    ]);
  }

  write(chunk: Uint8Array): void {
    if (this.#closing) return;
    this.#out.push(chunk);
    if (!this.#writing) this.#writeLoop();
  }

  async #writeLoop(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#out.length > 0) {
        const chunk = this.#out.shift()!;
        let at = 0;
        while (at < chunk.length) at += await this.stream.write(chunk.subarray(at));
        this.counters.add(C.bytesOut, chunk.length);
      }
    } catch (e) {
      if (!this.#closing) {
        this.counters.add(C.socketErrors, 1);
        this.#cause ??= e as Error;
        this.#closeStream();
      }
    } finally {
      this.#writing = false;
      if (this.#closeAfterWrites) this.#closeStream();
    }
  }

  #closeAfterWrites = false;

  /** Closes after the pending writes. */
  close(): void {
    if (this.#writing) this.#closeAfterWrites = true;
    else this.#closeStream();
  }

  /** Closes now, dropping unwritten bytes (a peer that stopped reading must not hold shutdown). */
  forceClose(): void {
    this.#closeStream();
  }

  #closeStream(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#out.length = 0;
    try {
      this.stream.close();
    } catch { /* already closed */ }
  }

  #finished = false;
  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#closeStream();
    conns.delete(this.id);
    post({ t: "closed", id: this.id, error: this.#cause ? errorFields(this.#cause) : undefined });
    this.onClosed?.();
  }

  onClosed: (() => void) | undefined;
}

function denoStream(conn: Deno.Conn): Stream {
  return conn;
}

async function listen(
  req: number,
  addresses: Address[],
  tls: TransportTls | undefined,
): Promise<void> {
  const opened: (() => void)[] = [];
  try {
    if (tls) await checkTlsMaterial(tls);
    const bound: Address[] = [];
    for (const a of addresses) {
      if (tls) bound.push(await listenTlsOn(a, tls, opened));
      else bound.push(listenTcp(a, opened));
    }
    post({ t: "listening", req, addresses: bound });
  } catch (e) {
    for (const close of opened) close();
    post({ t: "listen-failed", req, error: errorFields(e) });
  }
}

function listenTcp(a: Address, opened: (() => void)[]): Address {
  const listener = Deno.listen({ hostname: a.hostname, port: a.port, transport: "tcp" });
  const close = () => {
    listeners.delete(close);
    try {
      listener.close();
    } catch { /* already closed */ }
  };
  listeners.add(close);
  opened.push(close);
  (async () => {
    try {
      for await (const conn of listener) {
        if (shuttingDown) {
          conn.close();
          break;
        }
        try {
          conn.setNoDelay(true);
        } catch { /* not a TCP socket option here */ }
        new Connection(
          denoStream(conn),
          addressOf(conn.localAddr),
          addressOf(conn.remoteAddr),
          false,
        );
      }
    } catch (e) {
      if (!shuttingDown && listeners.has(close)) {
        log("error", "Accepting connections failed", { address: a, error: errorFields(e) });
      }
    }
  })();
  return addressOf(listener.addr);
}

async function listenTlsOn(
  a: Address,
  tls: TransportTls,
  opened: (() => void)[],
): Promise<Address> {
  const { address, close: closeServer } = await listenTls(a, tls, {
    accepted(stream, local, remote) {
      if (shuttingDown) return stream.close();
      new Connection(stream, local, remote, true);
    },
    refused(error) {
      log("warning", "Refused a TLS connection", { address: a, error: errorFields(error) });
    },
  });
  const close = () => {
    listeners.delete(close);
    closeServer();
  };
  listeners.add(close);
  opened.push(close);
  return address;
}

/** Dials a switch (retrying per its options); its connections are this worker's. */
function dial(
  dialId: number,
  target: Address,
  retry: Required<RetryOptions>,
  tls: TransportTls | undefined,
): void {
  const dialer = new Dialer(target, retry, tls, {
    opened(conn) {
      const c = new Connection(
        denoStream(conn),
        addressOf(conn.localAddr),
        addressOf(conn.remoteAddr),
        tls !== undefined,
      );
      return new Promise<void>((resolve) => (c.onClosed = resolve));
    },
    failed(e, final) {
      post({ t: "dial-failed", dialId, error: errorFields(e), final });
    },
    done() {
      dialers.delete(dialer);
    },
  });
  dialers.add(dialer);
}

async function shutdown(): Promise<void> {
  shuttingDown = true;
  for (const d of [...dialers]) d.stop();
  for (const close of [...listeners]) close();
  const pending = [...conns.values()];
  for (const c of pending) c.close();
  const drained = Promise.allSettled(pending.map((c) => c.done));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)));
  await Promise.race([drained, late]);
  clearTimeout(timer);
  for (const c of pending) c.forceClose();
  await drained;
  post({ t: "shutdown-done" });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  switch (m.t) {
    case "init":
      totals = m.totals;
      break;
    case "listen":
      listen(m.req, m.addresses, m.tls);
      break;
    case "dial":
      dial(m.dialId, m.target, m.retry, m.tls);
      break;
    case "write":
      for (let i = 0; i < m.ids.length; i++) conns.get(m.ids[i])?.write(m.chunks[i]);
      break;
    case "close-conn":
      conns.get(m.id)?.close();
      break;
    case "shutdown":
      shutdown();
      break;
  }
};
