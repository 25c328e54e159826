/**
 * The socket worker: owns every listener, dial and connection of one Controller, frames the
 * byte streams and transfers whole read chunks (with frame offsets) to the main thread.
 * Started by `WorkerTransport`; speaks the message protocol of `src/controller/_protocol.ts`.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { scanFrames } from "../src/ofp/frame_parser.ts";
import { C, Counters, newCounterBuffer } from "../src/controller/counters.ts";
import { hexdump } from "../src/controller/hexdump.ts";
import type { Address, RetryOptions, TlsOptions } from "../src/controller/transport.ts";
import type { FromWorker, ToWorker } from "../src/controller/_protocol.ts";

/** Bytes posted to the main thread and not yet dispatched there, beyond which reading pauses. */
const HIGH_WATER = 4 * 1024 * 1024;
const MIN_READ = 16 * 1024;
const MAX_READ = 256 * 1024;
/** How long shutdown lets pending writes drain before closing sockets regardless. */
const DRAIN_MS = 500;

/** A byte stream: a Deno connection, or a node:tls socket adapted to the same shape. */
interface Stream {
  read(buf: Uint8Array): Promise<number | null>;
  write(buf: Uint8Array): Promise<number>;
  close(): void;
}

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
    let left: Uint8Array | undefined;
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
        const leftLen = left?.length ?? 0;
        let need = size;
        if (leftLen >= 4) {
          const frameLen = (left![2] << 8) | left![3];
          need = Math.max(size, frameLen - leftLen);
        }
        const buf = new Uint8Array(leftLen + need);
        if (left) buf.set(left);
        const n = await this.stream.read(buf.subarray(leftLen));
        if (n === null) return;
        this.counters.add(C.bytesIn, n);
        const end = leftLen + n;
        const view = new DataView(buf.buffer);
        const offsets: number[] = [];
        let rest: number;
        try {
          rest = scanFrames(view, 0, end, offsets);
        } catch (e) {
          this.counters.add(C.parseErrors, 1);
          const at = offsets.length > 0
            ? offsets[offsets.length - 1] + view.getUint16(offsets[offsets.length - 1] + 2)
            : 0;
          log("error", "Cannot frame the switch's bytes: closing the connection", {
            connection: this.id,
            error: errorFields(e),
            hexdump: hexdump(buf.subarray(at, end), { max: 256 }),
          });
          this.#postFrames(buf, at, offsets);
          this.#cause = e as Error;
          return;
        }
        left = rest < end ? buf.slice(rest, end) : undefined;
        // A small read is posted as a right-sized copy: whoever keeps one of its messages
        // then keeps a few bytes alive, not the whole read buffer.
        if (offsets.length > 0) {
          this.#postFrames(rest * 4 < buf.length ? buf.slice(0, rest) : buf, rest, offsets);
        }
        if (n === need && size < MAX_READ) size *= 2;
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

/** Adapts a node:tls socket to a pull-style stream (one copy per chunk; TLS only). */
// deno-lint-ignore no-explicit-any
function nodeStream(socket: any): Stream {
  const chunks: Uint8Array[] = [];
  let buffered = 0;
  let paused = false;
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  socket.on("data", (d: Uint8Array) => {
    chunks.push(d);
    buffered += d.length;
    // Stop the socket while the reader (paused by flow control) is far behind.
    if (buffered > MAX_READ && !paused) {
      paused = true;
      socket.pause();
    }
    notify();
  });
  socket.on("end", () => {
    ended = true;
    notify();
  });
  socket.on("close", () => {
    ended = true;
    notify();
  });
  socket.on("error", (e: Error) => {
    failure = e;
    notify();
  });
  return {
    async read(buf: Uint8Array): Promise<number | null> {
      while (chunks.length === 0) {
        if (failure) throw failure;
        if (ended) return null;
        await new Promise<void>((r) => (wake = r));
      }
      let n = 0;
      while (chunks.length > 0 && n < buf.length) {
        const c = chunks[0];
        const take = Math.min(c.length, buf.length - n);
        buf.set(c.subarray(0, take), n);
        n += take;
        if (take === c.length) chunks.shift();
        else chunks[0] = c.subarray(take);
      }
      buffered -= n;
      if (paused && buffered <= MAX_READ / 2) {
        paused = false;
        socket.resume();
      }
      return n;
    },
    write(buf: Uint8Array): Promise<number> {
      return new Promise((resolve, reject) => {
        socket.write(buf, (e?: Error) => (e ? reject(e) : resolve(buf.length)));
      });
    },
    close(): void {
      ended = true;
      socket.destroy();
      notify();
    },
  };
}

function caList(tls: TlsOptions): string[] {
  return Array.isArray(tls.ca) ? tls.ca : [tls.ca];
}

async function listen(
  req: number,
  addresses: Address[],
  tls: TlsOptions | undefined,
): Promise<void> {
  const opened: (() => void)[] = [];
  try {
    const bound: Address[] = [];
    for (const a of addresses) {
      if (tls) bound.push(await listenTls(a, tls, opened));
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

async function listenTls(a: Address, tls: TlsOptions, opened: (() => void)[]): Promise<Address> {
  // Deno.listenTls cannot ask for or verify a client certificate (its options are cert, key
  // and ALPN only); node:tls can, so mutual authentication goes through it.
  const nodeTls = await import("node:tls");
  const server = nodeTls.createServer({
    cert: tls.cert,
    key: tls.key,
    ca: caList(tls),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on("secureConnection", (socket) => {
    if (shuttingDown) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    new Connection(
      nodeStream(socket),
      { hostname: socket.localAddress ?? "", port: socket.localPort ?? 0 },
      { hostname: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
      true,
    );
  });
  server.on("tlsClientError", (e: Error) => {
    log("warning", "Refused a TLS connection", { address: a, error: errorFields(e) });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(a.port, a.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const close = () => {
    listeners.delete(close);
    server.close();
  };
  listeners.add(close);
  opened.push(close);
  const addr = server.address();
  return typeof addr === "object" && addr ? { hostname: addr.address, port: addr.port } : a;
}

class Dialer {
  #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    readonly dialId: number,
    readonly target: Address,
    readonly retry: Required<RetryOptions>,
    readonly tls: TlsOptions | undefined,
  ) {
    dialers.add(this);
    this.#run();
  }

  stop(): void {
    this.#abort.abort();
    clearTimeout(this.#timer);
    this.#wake?.();
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, ms);
    });
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let delay = this.retry.initialDelay;
    let attempt = 0;
    while (!signal.aborted) {
      attempt++;
      try {
        const conn = await this.#dial(signal);
        if (signal.aborted) {
          conn.close();
          break;
        }
        const c = new Connection(
          denoStream(conn),
          addressOf(conn.localAddr),
          addressOf(conn.remoteAddr),
          this.tls !== undefined,
        );
        await new Promise<void>((resolve) => (c.onClosed = resolve));
        if (!this.retry.reconnect) break;
        attempt = 0;
        delay = this.retry.initialDelay;
        continue;
      } catch (e) {
        if (signal.aborted) break;
        const final = attempt >= this.retry.attempts;
        post({ t: "dial-failed", dialId: this.dialId, error: errorFields(e), final });
        if (final) break;
      }
      await this.#sleep(delay);
      delay = Math.min(delay * this.retry.factor, this.retry.maxDelay);
    }
    dialers.delete(this);
  }

  async #dial(signal: AbortSignal): Promise<Deno.Conn> {
    const { hostname, port } = this.target;
    if (!this.tls) {
      const conn = await Deno.connect({ hostname, port, signal });
      conn.setNoDelay(true);
      return conn;
    }
    const conn = await Deno.connectTls({
      hostname,
      port,
      caCerts: caList(this.tls),
      cert: this.tls.cert,
      key: this.tls.key,
      unsafelyDisableHostnameVerification: this.tls.verifyHostname === false,
    });
    try {
      await conn.handshake();
    } catch (e) {
      conn.close();
      throw e;
    }
    return conn;
  }
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
      new Dialer(m.dialId, m.target, m.retry, m.tls);
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
