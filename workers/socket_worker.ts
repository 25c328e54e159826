/**
 * The socket worker: owns every listener, dial and connection of one Controller, frames the
 * byte streams and hands the complete frames to the main thread through a shared-memory
 * ring; the main thread's writes come down another. Started by `WorkerTransport`; speaks the
 * protocol of `src/controller/_protocol.ts`.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { type FromWorker, R, type ToWorker } from "../src/controller/_protocol.ts";
import { RingReader, RingWriter } from "../src/controller/_ring.ts";
import { RingInbox, RingOutbox } from "../src/controller/_ring_link.ts";
import type { Address, RetryOptions, TransportTls } from "../src/controller/transport.ts";
import { breather } from "./_breather.ts";
import { Connection, errorFields, type WorkerContext } from "./_connection.ts";
import { Dialer } from "./_dialer.ts";
import { checkTlsMaterial, listenTls, type Stream } from "./_tls.ts";

/** How long shutdown lets pending writes drain before closing sockets regardless. */
const DRAIN_MS = 500;

let shuttingDown = false;
let nextId = 1;
const conns = new Map<number, Connection>();
const listeners = new Set<() => void>();
const dialers = new Set<Dialer>();
let up: RingOutbox | undefined;
let down: RingInbox<ToWorker> | undefined;

function log(
  level: "debug" | "info" | "warning" | "error",
  message: string,
  props: Record<string, unknown> = {},
): void {
  self.postMessage({ t: "log", level, message, props } satisfies FromWorker);
}

/** Posts a message at its place among the up ring's records. */
function post(msg: FromWorker, transfer: Transferable[] = []): void {
  up!.mark();
  up!.publishSoon();
  self.postMessage(msg, transfer);
}

let ctx: WorkerContext | undefined;

function addressOf(addr: Deno.Addr): Address {
  return "hostname" in addr
    ? { hostname: addr.hostname, port: addr.port }
    : { hostname: "", port: 0 };
}

function open(stream: Stream, local: Address, remote: Address, tls: boolean): Connection {
  const id = nextId++;
  const c = new Connection(id, stream, local, remote, tls, ctx!);
  conns.set(id, c);
  return c;
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
        open(conn, addressOf(conn.localAddr), addressOf(conn.remoteAddr), false);
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
      open(stream, local, remote, true);
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
      const c = open(conn, addressOf(conn.localAddr), addressOf(conn.remoteAddr), !!tls);
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
  down?.stop();
  post({ t: "shutdown-done" });
}

/** A command from the main thread, at its place among the down ring's records. */
function command(m: ToWorker): void {
  switch (m.t) {
    case "listen":
      listen(m.req, m.addresses, m.tls);
      break;
    case "dial":
      dial(m.dialId, m.target, m.retry, m.tls);
      break;
    case "write":
      conns.get(m.id)?.send(m.bytes);
      break;
    case "shutdown":
      shutdown();
      break;
  }
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.t !== "init") return down?.posted(m);
  const upLink = (up = new RingOutbox(new RingWriter(m.up)));
  ctx = {
    up: upLink,
    postAbove: Math.min(m.rings.postAbove, upLink.ring.maxPayload),
    totals: m.totals,
    post,
    log,
    breathe: breather(() => conns.values()),
    upReady: () => (upLink.backlog > 0 ? upLink.drained() : undefined),
    ended: (conn) => conns.delete(conn.id),
  };
  down = new RingInbox<ToWorker>(new RingReader(m.down), {
    record(r) {
      const c = conns.get(r.id);
      if (c === undefined) return;
      if (r.kind === R.bytes) c.send(r.bytes.subarray(r.at, r.at + r.length));
      else if (r.kind === R.close) c.close();
    },
    post: command,
  });
  down.start();
};
