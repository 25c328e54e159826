/**
 * The Controller's options, their defaults, and their checks.
 *
 * @module
 */
import { OFP_TCP_PORT } from "../ofp/header.ts";
import { checkTimeout } from "./_timeouts.ts";
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

/** The settings a connection runs with: the Controller's options, checked and defaulted. */
export interface ConnectionSettings {
  readonly versions: readonly number[];
  readonly features: boolean;
  readonly initialHello: boolean;
  readonly keepAlive: boolean;
  readonly maxQueue: number;
  readonly timeout: number;
  readonly handshakeTimeout: number;
  readonly echoInterval: number;
  readonly echoMisses: number;
  readonly packetInLimit: number;
  readonly multipartTimeout: number;
  readonly maxMultipartParts: number;
  readonly maxMultipartBytes: number;
  readonly onMalformed: MalformedPolicy;
}

/** Everything the Controller resolves from its options. */
export interface ResolvedOptions {
  readonly settings: ConnectionSettings;
  readonly listen: readonly Address[];
  readonly dial: Address | undefined;
  readonly retry: Required<RetryOptions>;
}

/** Checks a count: a positive integer (or Infinity where `infinite`). */
export function positiveInt(name: string, value: number, infinite = false): number {
  if (!(Number.isInteger(value) && value >= 1) && !(infinite && value === Infinity)) {
    throw new RangeError(`Expected ${name} to be a positive integer, got ${value}`);
  }
  return value;
}

function address(a: Partial<Address>, what: string): Address {
  const hostname = a?.hostname ?? "0.0.0.0";
  const port = a?.port ?? OFP_TCP_PORT;
  if (typeof hostname !== "string" || hostname === "") {
    throw new TypeError(`Expected ${what}.hostname to be a host name, got ${String(hostname)}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Expected ${what}.port to be from 0 to 65535, got ${port}`);
  }
  return { hostname, port };
}

function versions(list: number[] | undefined): number[] {
  const out = [...new Set(list ?? [1, 4])].sort((a, b) => a - b);
  if (out.length === 0) throw new RangeError("Expected at least one OpenFlow version, got none");
  for (const v of out) {
    if (v !== 1 && v !== 4) {
      throw new RangeError(`Expected OpenFlow versions among 1 (1.0) and 4 (1.3), got ${v}`);
    }
  }
  return out;
}

function retry(r: RetryOptions = {}): Required<RetryOptions> {
  const factor = r.factor ?? 2;
  if (!(factor >= 1 && factor <= 1000)) {
    throw new RangeError(`Expected retry.factor to be from 1 to 1000, got ${factor}`);
  }
  return {
    initialDelay: checkTimeout("retry.initialDelay", r.initialDelay, 100, "zero allowed"),
    maxDelay: checkTimeout("retry.maxDelay", r.maxDelay, 2000, "zero allowed"),
    factor,
    attempts: positiveInt("retry.attempts", r.attempts ?? Infinity, true),
    reconnect: r.reconnect ?? true,
  };
}

/**
 * Checks the options and fills in the defaults.
 *
 * @throws {RangeError} On an out-of-range value.
 * @throws {TypeError} On a malformed value.
 */
export function resolveOptions(o: ControllerOptions): ResolvedOptions {
  const packetInLimit = o.packetInLimit ?? Infinity;
  if (!(packetInLimit >= 0)) {
    throw new RangeError(`Expected packetInLimit of 0 or more, got ${packetInLimit}`);
  }
  const onMalformed = o.onMalformed ?? "skip";
  if (onMalformed !== "skip" && onMalformed !== "disconnect") {
    throw new TypeError(`Expected onMalformed "skip" or "disconnect", got ${String(onMalformed)}`);
  }
  if (o.tls) {
    const { cert, key, ca } = o.tls;
    if (typeof cert !== "string" || typeof key !== "string" || !ca) {
      throw new TypeError("Expected tls.cert, tls.key and tls.ca as PEM text, got a missing one");
    }
  }
  const given = o.listen ?? (o.switch ? [] : [{}]);
  const listen = (Array.isArray(given) ? given : [given]).map((a, i) => address(a, `listen[${i}]`));
  const dial = o.switch ? address(o.switch, "switch") : undefined;
  if (listen.length === 0 && !dial) {
    throw new RangeError(
      "Expected at least one address to listen on or a switch to dial, got neither (listen: [])",
    );
  }
  const settings: ConnectionSettings = {
    versions: versions(o.versions),
    features: o.features ?? true,
    initialHello: o.initialHello ?? true,
    keepAlive: o.keepAlive ?? true,
    maxQueue: positiveInt("maxQueue", o.maxQueue ?? 1024),
    timeout: checkTimeout("timeout", o.timeout, 2000, "zero refused"),
    handshakeTimeout: checkTimeout("handshakeTimeout", o.handshakeTimeout, 5000, "zero refused"),
    echoInterval: checkTimeout("echoInterval", o.echoInterval, 0, "zero allowed"),
    echoMisses: positiveInt("echoMisses", o.echoMisses ?? 3),
    packetInLimit,
    multipartTimeout: checkTimeout("multipartTimeout", o.multipartTimeout, 60_000, "zero refused"),
    maxMultipartParts: positiveInt("maxMultipartParts", o.maxMultipartParts ?? 100_000),
    maxMultipartBytes: positiveInt("maxMultipartBytes", o.maxMultipartBytes ?? 256 * 1024 * 1024),
    onMalformed,
  };
  return { settings, listen, dial, retry: retry(o.retry) };
}
