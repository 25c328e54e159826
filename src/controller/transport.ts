/**
 * The seam between the Controller and whatever owns the sockets: a few commands down, a few
 * events up. The socket worker implements it for real networks, `MemoryTransport` (from
 * `@oftest/oftest/testing`) in memory for tests of the Controller's logic.
 *
 * @module
 */

/** A host and port, as listened on or connected to. */
export interface Address {
  /** A literal IP address or a host name. */
  hostname: string;
  /** A TCP port; 0 asks the system for a free one when listening. */
  port: number;
}

/**
 * TLS settings, all PEM text. Listening, the Controller demands a certificate from every
 * switch and refuses one that `ca` did not sign (mutual authentication); dialing, it presents
 * `cert` and verifies the switch's certificate against `ca`.
 */
export interface TlsOptions {
  /** The Controller's certificate chain. */
  cert: string;
  /** The Controller's private key. */
  key: string;
  /** The CA certificate(s) that sign the switches' certificates. */
  ca: string | string[];
  /**
   * Dialing only: whether the switch certificate's names must match the dialed host name.
   * Switch certificates (e.g. from `ovs-pki`) rarely name a host. Default true.
   */
  verifyHostname?: boolean;
}

/** TLS as a transport gets it: the PEM material, and how long a TLS handshake may take. */
export interface TransportTls extends TlsOptions {
  /**
   * Milliseconds a TLS handshake may take, accepted or dialed; a peer that has not completed
   * it by then (a plain TCP client, say) is dropped. The Controller's `handshakeTimeout`.
   */
  handshakeTimeout: number;
}

/** How a dial is retried: exponential backoff between `initialDelay` and `maxDelay`. */
export interface RetryOptions {
  /** Delay before the second attempt, in ms. Default 100. */
  initialDelay?: number;
  /** Largest delay between attempts, in ms. Default 2000. */
  maxDelay?: number;
  /** Factor applied to the delay after each failed attempt. Default 2. */
  factor?: number;
  /** Attempts before giving up (the controller's waiters then fail). Default Infinity. */
  attempts?: number;
  /** Dial again after an established connection closes. Default true. */
  reconnect?: boolean;
}

/** What a transport reports about a new connection. */
export interface ConnectionInfo {
  /** The connection's local address. */
  local: Address;
  /** The switch's address. */
  remote: Address;
  /** The buffer of the connection's counter block (see `counters.ts`), shared with the transport. */
  counters: SharedArrayBuffer;
  /**
   * Byte offset of the block in `counters` (default 0): a transport may keep the blocks of
   * many connections in one buffer.
   */
  countersOffset?: number;
  /** Whether the connection is TLS. */
  tls: boolean;
}

/** Events a transport delivers to the Controller, in order per connection. */
export interface TransportEvents {
  /** A connection opened (accepted or dialed). */
  opened(id: number, info: ConnectionInfo): void;
  /**
   * Complete frames arrived: frame `i` starts at `offsets[i]` of `bytes` (`i < count`), its
   * length is its header's. `view` is a DataView over exactly `bytes`. The chunk is the
   * receiver's to keep; `offsets` is valid only during the call (a transport may reuse it).
   */
  data(id: number, bytes: Uint8Array, view: DataView, offsets: Uint32Array, count: number): void;
  /** The connection closed; `cause` says why when it was not a clean close. */
  closed(id: number, cause: Error | undefined): void;
  /** A dial attempt failed (it is retried per its options unless `final`). */
  dialFailed(dialId: number, cause: Error, final: boolean): void;
  /** A log record from the transport's own thread. */
  log(
    level: "debug" | "info" | "warning" | "error",
    message: string,
    props: Record<string, unknown>,
  ): void;
}

/**
 * The commands the Controller gives whatever owns its sockets. Every method but `close` is
 * fire-and-forget; results come back as {@linkcode TransportEvents}.
 */
export interface Transport {
  /**
   * Starts the transport. Called once, before any other command.
   *
   * @param events Where to deliver events.
   * @param totals The controller's total counter block: the transport adds to it too.
   */
  start(events: TransportEvents, totals: SharedArrayBuffer): void;
  /**
   * Listens on addresses. With TLS, the PEM material is checked first: a certificate or key
   * that does not parse, or a key that is not the certificate's, rejects with a TypeError
   * naming the field.
   *
   * @param addresses Where to listen (port 0 for any free port).
   * @param tls TLS settings, or undefined for plain TCP.
   * @returns The bound addresses, in the same order.
   */
  listen(addresses: readonly Address[], tls: TransportTls | undefined): Promise<Address[]>;
  /**
   * Dials a switch that listens, retrying per `retry`.
   *
   * @param dialId An id for this dial's `dialFailed` events.
   * @param target The switch's address.
   * @param retry Retry and reconnect settings, every field given.
   * @param tls TLS settings, or undefined for plain TCP.
   */
  dial(
    dialId: number,
    target: Address,
    retry: Required<RetryOptions>,
    tls: TransportTls | undefined,
  ): void;
  /**
   * Writes one chunk per connection, in order after earlier writes. The chunks are valid
   * only during the call (views into buffers the caller reuses): a transport copies what it
   * keeps.
   */
  write(ids: readonly number[], chunks: readonly Uint8Array[]): void;
  /** Closes a connection after its pending writes; `closed` follows. */
  closeConnection(id: number): void;
  /** Closes every listener, dial and connection, then the transport itself. Idempotent. */
  close(): Promise<void>;
}
