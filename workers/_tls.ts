// TLS for the socket worker: the PEM checks, the mutual-TLS listener (node:tls, shared with the
// reference switch), and dialing with a deadline. node:tls and node:crypto are loaded only
// when TLS is configured.
import type { Address, TlsOptions, TransportTls } from "../src/controller/transport.ts";
import { type ByteStream, caList as caCerts, listenMutualTls } from "../src/_mutual_tls.ts";

/** A byte stream: a Deno connection, or a node:tls socket adapted to the same shape. */
export type Stream = ByteStream;

/** The CA certificates, as a list. */
export function caList(tls: TlsOptions): string[] {
  return caCerts(tls.ca);
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
 * Listens for TLS with mutual authentication (node:tls: see `src/_mutual_tls.ts`).
 *
 * @returns The bound address and the function that closes the listener.
 */
export async function listenTls(
  a: Address,
  tls: TransportTls,
  events: TlsListenerEvents,
): Promise<{ address: Address; close: () => void }> {
  const { address, close } = await listenMutualTls(a, tls, events.accepted, events.refused);
  return { address, close: () => void close() };
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
