// Field checks for `build`: every value is checked before it is written, and a bad one is a
// TypeError (wrong kind, malformed address) or RangeError (out of range) that names the
// layer's index and type and the field.
import { describe, parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import type { Layer } from "./layers.ts";

/** Where a field sits, for messages: "layer 2 (vlan)" and "vid". */
function where(i: number, layer: Layer, field: string): string {
  return `Cannot build layer ${i} (${layer.type}): expected ${field}`;
}

/**
 * An unsigned integer field of at most `max`, or `def` when absent (required when `def` is
 * undefined).
 * @throws {TypeError} If present and not a number.
 * @throws {RangeError} If not an integer in 0..max.
 */
export function uint(
  v: unknown,
  def: number | undefined,
  max: number,
  i: number,
  layer: Layer,
  field: string,
): number {
  if (v === undefined && def !== undefined) return def;
  if (typeof v !== "number") {
    throw new TypeError(`${where(i, layer, field)} as a number, got ${describe(v)}`);
  }
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${where(i, layer, field)} in 0..${max}, got ${describe(v)}`);
  }
  return v;
}

/** A boolean field, or `def` when absent. */
export function bool(v: unknown, def: boolean, i: number, layer: Layer, field: string): boolean {
  if (v === undefined) return def;
  if (typeof v !== "boolean") {
    throw new TypeError(`${where(i, layer, field)} as a boolean, got ${describe(v)}`);
  }
  return v;
}

/** A byte-array field, or `def` when absent. */
export function bytes(
  v: unknown,
  def: Uint8Array,
  i: number,
  layer: Layer,
  field: string,
): Uint8Array {
  if (v === undefined) return def;
  if (!(v instanceof Uint8Array)) {
    throw new TypeError(`${where(i, layer, field)} as a Uint8Array, got ${describe(v)}`);
  }
  return v;
}

/** An array field, or `def` when absent. */
export function list<T>(v: unknown, def: T[], i: number, layer: Layer, field: string): T[] {
  if (v === undefined) return def;
  if (!Array.isArray(v)) {
    throw new TypeError(`${where(i, layer, field)} as an array, got ${describe(v)}`);
  }
  return v as T[];
}

/** Checks a MAC text field (writing it into `out` at `at`). */
export function mac(
  v: unknown,
  def: string | undefined,
  out: Uint8Array,
  at: number,
  i: number,
  layer: Layer,
  field: string,
): void {
  const text = v === undefined ? def : v;
  if (!parseMac(text as string, out, at)) {
    throw new TypeError(
      `${where(i, layer, field)} as a MAC address like 00:01:02:03:04:05, got ${describe(text)}`,
    );
  }
}

/** Checks an IPv4 text field and writes it into `out` at `at`. */
export function ipv4(
  v: unknown,
  def: string,
  out: Uint8Array,
  at: number,
  i: number,
  layer: Layer,
  field: string,
): void {
  const text = v === undefined ? def : v;
  const n = parseIpv4(text as string);
  if (n < 0) {
    throw new TypeError(
      `${where(i, layer, field)} as an IPv4 address like 192.168.0.1, got ${describe(text)}`,
    );
  }
  out[at] = n >>> 24;
  out[at + 1] = (n >>> 16) & 0xff;
  out[at + 2] = (n >>> 8) & 0xff;
  out[at + 3] = n & 0xff;
}

/** Checks an IPv6 text field and writes it into `out` at `at`. */
export function ipv6(
  v: unknown,
  def: string,
  out: Uint8Array,
  at: number,
  i: number,
  layer: Layer,
  field: string,
): void {
  const text = v === undefined ? def : v;
  if (!parseIpv6(text as string, out, at)) {
    throw new TypeError(
      `${where(i, layer, field)} as an IPv6 address like 2001:db8::1, got ${describe(text)}`,
    );
  }
}

/** A layer that cannot follow the one before it without an explicit next-type value. */
export function noNextType(i: number, layer: Layer, field: string, next: Layer): TypeError {
  return new TypeError(
    `Cannot build layer ${i} (${layer.type}): no ${field} for the ${next.type} layer after it; ` +
      `give ${field} explicitly`,
  );
}

/** A size limit of the wire format exceeded. */
export function tooLong(
  i: number,
  layer: Layer,
  field: string,
  max: number,
  got: number,
): RangeError {
  return new RangeError(
    `Cannot build layer ${i} (${layer.type}): expected ${field} of at most ${max} bytes, got ${got}`,
  );
}
