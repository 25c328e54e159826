/**
 * The Controller's options and their defaults (checked in `_settings.ts`).
 *
 * @module
 */
import { OFP_TCP_PORT } from "../ofp/header.ts";
import type { MalformedPolicy } from "./switch_connection.ts";
import type { Address, RetryOptions, TlsOptions, Transport } from "./transport.ts";

export { OFP_TCP_PORT };

/**
 * Options of {@linkcode Controller}. Every timeout is in milliseconds, at most 2^31 - 1
 * (setTimeout's range; longer ones are a RangeError, not a timer that fires at once).
 */
export interface ControllerOptions {
  /**
   * Where to listen for switches: one address or several (IPv4 and IPv6). Port 0 picks a free
   * port (see {@linkcode Controller.listening}). Default, unless `switch` is given:
   * `{ hostname: "0.0.0.0", port: 6653 }`. An empty list needs `switch`.
   */
  listen?: Partial<Address> | Partial<Address>[];
  /** A switch that listens, to dial (active mode; redialed after it closes, per `retry`). */
  switch?: Address;
  /** Dial retry and backoff settings (active mode). */
  retry?: RetryOptions;
  /** OpenFlow wire versions to offer, e.g. `[1, 4]` (the default: 1.0 and 1.3). */
  versions?: number[];
  /**
   * TLS with mutual authentication; plain TCP when absent. The PEM material is checked when
   * listening or dialing starts: `listening` (or the dial) fails with a TypeError naming the
   * bad field.
   */
  tls?: TlsOptions;
  /** Send FEATURES_REQUEST after HELLO to learn the datapath id. Default true. */
  features?: boolean;
  /**
   * Send HELLO as soon as the connection opens (OFTest's `initial_hello`). When false, HELLO
   * is sent on receipt of the switch's, in the same write as FEATURES_REQUEST. Default true.
   */
  initialHello?: boolean;
  /** Answer ECHO_REQUEST with the same xid and payload (OFTest's `keep_alive`). Default true. */
  keepAlive?: boolean;
  /** Poll queue bound per connection (OFTest's `max_pkts`). Default 1024. */
  maxQueue?: number;
  /** Default deadline of transactions and polls (above 0). Default 2000. */
  timeout?: number;
  /**
   * Deadline of the handshake (above 0): the TLS handshake, if any, then HELLO plus
   * FEATURES_REPLY, each. Default 5000.
   */
  handshakeTimeout?: number;
  /** Send ECHO_REQUEST after this many idle ms (0: no probing). Default 0. */
  echoInterval?: number;
  /** Unanswered probes in a row before disconnecting. Default 3. */
  echoMisses?: number;
  /** PACKET_IN messages per second beyond which they are dropped and counted. Default Infinity. */
  packetInLimit?: number;
  /**
   * Deadline of a whole multipart reply (above 0), besides the per-call `timeout` between
   * its parts: a switch that never stops sending parts is cut off. Default 60 000.
   */
  multipartTimeout?: number;
  /**
   * Most parts one multipart reply may have; beyond, the transaction is refused with a
   * `MultipartLimitError` and the remaining parts are dropped. Default 100 000.
   */
  maxMultipartParts?: number;
  /** Most bytes one multipart reply may have (whole frames). Default 256 MiB. */
  maxMultipartBytes?: number;
  /**
   * A frame from the switch that cannot be decoded, or of a version other than the negotiated
   * one, is counted and logged with a hex dump, then skipped ("skip", the default) or closes
   * the connection ("disconnect"). A header length below 8 always closes it: the stream
   * cannot be re-synchronised.
   */
  onMalformed?: MalformedPolicy;
  /** The transport to use instead of the socket worker (e.g. a `MemoryTransport` in tests). */
  transport?: Transport;
}
