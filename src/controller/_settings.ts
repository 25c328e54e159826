// The Controller's options checked and defaulted: the settings every connection runs with,
// the addresses to listen on and dial, the retry policy.
import { OFP_TCP_PORT } from "../ofp/header.ts";
import type { ControllerOptions } from "./options.ts";
import type { MalformedPolicy } from "./switch_connection.ts";
import { checkTimeout } from "./_timeouts.ts";
import type { Address, RetryOptions } from "./transport.ts";

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
