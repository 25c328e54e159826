// TLS for the socket worker: the PEM checks, the node:tls server that asks for and verifies
// switch certificates, a pull-style stream over its sockets, and dialing with a deadline.
// node:tls and node:crypto are loaded only when TLS is configured.
import type { TLSSocket } from "node:tls";
import type { Address, TlsOptions, TransportTls } from "../src/controller/transport.ts";

/** A byte stream: a Deno connection, or a node:tls socket adapted to the same shape. */
export interface Stream {
  read(buf: Uint8Array): Promise<number | null>;
  write(buf: Uint8Array): Promise<number>;
  close(): void;
}

/** The CA certificates, as a list. */
export function caList(tls: TlsOptions): string[] {
  return Array.isArray(tls.ca) ? tls.ca : [tls.ca];
}

/**
 * Checks the PEM material before anything listens or dials with it.
 *
 * @throws {TypeError} Naming the field: a certificate or key that does not parse, a key that
 *   is not the certificate's, a CA certificate that does not parse.
 */
export async function checkTlsMaterial(tls: TlsOptions): Promise<void> {
  const { X509Certificate, createPrivateKey } = await import("node:crypto");
  const parse = <T>(field: string, what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      throw new TypeError(
        `Expected ${field} to be ${what} in PEM, got one that does not parse (${
          (e as Error)?.message ?? e
        })`,
      );
    }
  };
  const cert = parse("tls.cert", "a certificate", () => new X509Certificate(tls.cert));
  const key = parse("tls.key", "a private key", () => createPrivateKey(tls.key));
  if (!cert.checkPrivateKey(key)) {
    throw new TypeError(
      `Expected tls.key to be the private key of tls.cert (${cert.subject}), got another key`,
    );
  }
  const cas = caList(tls);
  cas.forEach((ca, i) => {
    const field = Array.isArray(tls.ca) ? `tls.ca[${i}]` : "tls.ca";
    parse(field, "a certificate", () => new X509Certificate(ca));
  });
}

/** What the TLS listener reports. */
export interface TlsListenerEvents {
  /** A switch completed the TLS handshake with a certificate the CA signed. */
  accepted(stream: Stream, local: Address, remote: Address): void;
  /** A TLS handshake failed or did not complete in time (the socket is closed). */
  refused(error: Error): void;
}

/**
 * Listens for TLS with mutual authentication. Deno.listenTls cannot ask for or verify a
 * client certificate (its options are cert, key and ALPN only); node:tls can.
 *
 * @returns The bound address and the function that closes the listener.
 */
export async function listenTls(
  a: Address,
  tls: TransportTls,
  events: TlsListenerEvents,
): Promise<{ address: Address; close: () => void }> {
  const nodeTls = await import("node:tls");
  const server = nodeTls.createServer({
    cert: tls.cert,
    key: tls.key,
    ca: caList(tls),
    requestCert: true,
    rejectUnauthorized: true,
    handshakeTimeout: tls.handshakeTimeout,
  });
  server.on("secureConnection", (socket) => {
    socket.setNoDelay(true);
    events.accepted(
      nodeStream(socket),
      { hostname: socket.localAddress ?? "", port: socket.localPort ?? 0 },
      { hostname: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
    );
  });
  // A refused certificate, or a handshake that did not complete in handshakeTimeout (a plain
  // TCP client that never starts one): Deno's node:tls does not close such a socket itself.
  server.on("tlsClientError", (error: Error, socket?: { destroy(): void }) => {
    socket?.destroy();
    events.refused(error);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(a.port, a.hostname, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    address: typeof addr === "object" && addr ? { hostname: addr.address, port: addr.port } : a,
    close: () => server.close(),
  };
}

/** Dials a switch over TLS; the handshake must complete within `tls.handshakeTimeout`. */
export async function dialTls(target: Address, tls: TransportTls): Promise<Deno.TlsConn> {
  const conn = await Deno.connectTls({
    hostname: target.hostname,
    port: target.port,
    caCerts: caList(tls),
    cert: tls.cert,
    key: tls.key,
    unsafelyDisableHostnameVerification: tls.verifyHostname === false,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`Expected the TLS handshake to complete within ${tls.handshakeTimeout} ms`),
        ),
      tls.handshakeTimeout,
    );
  });
  try {
    await Promise.race([conn.handshake(), late]);
    return conn;
  } catch (e) {
    conn.close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes buffered from a node:tls socket before it is paused. */
const MAX_BUFFERED = 256 * 1024;

/** Adapts a node:tls socket to a pull-style stream (one copy per chunk; TLS only). */
function nodeStream(socket: TLSSocket): Stream {
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
