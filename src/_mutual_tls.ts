// Mutual TLS accepted with node:tls, shared by the Controller's socket worker and the
// reference switch: Deno.listenTls cannot ask for or verify a client certificate (its options
// are cert, key and ALPN only); node:tls can. Also the pull-style stream both read through.
import type { TLSSocket } from "node:tls";

/** A byte stream: a Deno connection, or a node:tls socket adapted to the same shape. */
export interface ByteStream {
  read(buf: Uint8Array): Promise<number | null>;
  write(buf: Uint8Array): Promise<number>;
  close(): void;
}

/** Host and port. */
interface Endpoint {
  hostname: string;
  port: number;
}

/** PEM material of a mutual-TLS listener. */
export interface MutualTls {
  cert: string;
  key: string;
  ca: string | string[];
  /** Milliseconds a client has to complete the handshake (default node's). */
  handshakeTimeout?: number;
}

/** The CA certificates, as a list. */
export function caList(ca: string | string[]): string[] {
  return Array.isArray(ca) ? ca : [ca];
}

/**
 * Listens for TLS clients that must present a certificate `tls.ca` signed.
 *
 * @param accepted Gets each authenticated connection.
 * @param refused Gets each failed or timed-out handshake (its socket is closed).
 * @returns The bound address and a close function.
 */
export async function listenMutualTls(
  at: Endpoint,
  tls: MutualTls,
  accepted: (stream: ByteStream, local: Endpoint, remote: Endpoint) => void,
  refused: (error: Error) => void,
): Promise<{ address: Endpoint; close: () => Promise<void> }> {
  const nodeTls = await import("node:tls");
  const server = nodeTls.createServer({
    cert: tls.cert,
    key: tls.key,
    ca: caList(tls.ca),
    requestCert: true,
    rejectUnauthorized: true,
    ...(tls.handshakeTimeout === undefined ? {} : { handshakeTimeout: tls.handshakeTimeout }),
  });
  server.on("secureConnection", (socket) => {
    socket.setNoDelay(true);
    accepted(
      nodeStream(socket),
      { hostname: socket.localAddress ?? "", port: socket.localPort ?? 0 },
      { hostname: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
    );
  });
  // A refused certificate, or a handshake that did not complete in time (a plain TCP client
  // that never starts one): Deno's node:tls does not close such a socket itself.
  server.on("tlsClientError", (error: Error, socket?: { destroy(): void }) => {
    socket?.destroy();
    refused(error);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(at.port, at.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    address: typeof addr === "object" && addr ? { hostname: addr.address, port: addr.port } : at,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Bytes buffered from a node:tls socket before it is paused. */
const MAX_BUFFERED = 256 * 1024;

/** Adapts a node:tls socket to a pull-style stream (one copy per chunk; TLS only). */
function nodeStream(socket: TLSSocket): ByteStream {
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
    if (buffered > MAX_BUFFERED && !paused) {
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
      if (paused && buffered <= MAX_BUFFERED / 2) {
        paused = false;
        socket.resume();
      }
      return n;
    },
    write(buf: Uint8Array): Promise<number> {
      return new Promise((resolve, reject) => {
        socket.write(buf, (e?: Error | null) => (e ? reject(e) : resolve(buf.length)));
      });
    },
    close(): void {
      ended = true;
      socket.destroy();
      notify();
    },
  };
}
