/**
 * `diff`: the fields in which two frames differ, each with its layer path
 * (`ipv4.ttl`, `vlan[1].vid`), and `formatDiff` to print them.
 *
 * @module
 */
import { describe } from "../ofp/_addresses.ts";
import { build } from "./build.ts";
import type { Layer } from "./layers.ts";
import { parse } from "./parse.ts";

/** A frame as bytes, or as layers (which are built and parsed back, so every field is filled). */
export type FrameLike = Uint8Array | readonly Layer[];

/** Options of {@linkcode diff}. */
export interface DiffOptions {
  /**
   * Paths to leave out: a field (`"ipv4.ttl"`), a field of one stacked layer
   * (`"vlan[1].vid"`), a field of every layer of a type whatever its index (`"vlan.vid"`),
   * or a whole layer (`"ethernet.padding"`, `"vlan"`).
   */
  ignore?: readonly string[];
  /** Compare checksums. `false` ignores every layer's `checksum`. Default true. */
  checksums?: boolean;
}

/** One difference between two frames. */
export interface DiffEntry {
  /**
   * Where: `layer.field` (`ipv4.ttl`), the layer indexed when a frame has several of its
   * type (`vlan[1].vid`), nested fields and list items after it
   * (`icmpv6.options[0].mac`); a whole layer when only one frame has it (`vlan[1]`); and
   * `layers` when the layer sequences differ.
   */
  path: string;
  /** The expected value (undefined when absent). */
  expected: unknown;
  /** The actual value (undefined when absent). */
  actual: unknown;
}

/** Every field filled: bytes are parsed, layers built and parsed back. */
function normalize(frame: FrameLike, side: string): Layer[] {
  if (frame instanceof Uint8Array) return parse(frame, { partial: true });
  if (!Array.isArray(frame)) {
    throw new TypeError(`Expected the ${side} frame as bytes or layers, got ${describe(frame)}`);
  }
  return parse(build(frame), { partial: true });
}

/** Names of the layers: the type, indexed among its kind when either frame stacks it. */
function names(layers: readonly Layer[], stacked: ReadonlySet<string>): string[] {
  const seen = new Map<string, number>();
  return layers.map((l) => {
    const k = seen.get(l.type) ?? 0;
    seen.set(l.type, k + 1);
    return stacked.has(l.type) ? `${l.type}[${k}]` : l.type;
  });
}

/** Types that occur more than once in either frame. */
function stackedTypes(a: readonly Layer[], b: readonly Layer[]): Set<string> {
  const out = new Set<string>();
  for (const list of [a, b]) {
    const seen = new Set<string>();
    for (const l of list) {
      if (seen.has(l.type)) out.add(l.type);
      seen.add(l.type);
    }
  }
  return out;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Appends the differences between two values at `path`. */
function compare(path: string, a: unknown, b: unknown, out: DiffEntry[]): void {
  if (a === b) return;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (!equalBytes(a, b)) out.push({ path, expected: a, actual: b });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.max(a.length, b.length); k++) {
      compare(`${path}[${k}]`, a[k], b[k], out);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of keys(a, b)) compare(`${path}.${key}`, a[key], b[key], out);
    return;
  }
  out.push({ path, expected: a, actual: b });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !(v instanceof Uint8Array) && !Array.isArray(v);
}

/** The keys of `a` then those only `b` has, without `type`. */
function keys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const out = Object.keys(a).filter((k) => k !== "type");
  for (const k of Object.keys(b)) if (k !== "type" && !(k in a)) out.push(k);
  return out;
}

/** Whether `pattern` covers `path` (equal, or a prefix at a segment boundary). */
function covers(pattern: string, path: string): boolean {
  return path === pattern || path.startsWith(pattern + ".") || path.startsWith(pattern + "[");
}

/** A filter for the entries `options` leaves out. */
function ignored(options: DiffOptions): (path: string) => boolean {
  const patterns = options.ignore ?? [];
  if (!Array.isArray(patterns) || patterns.some((p) => typeof p !== "string")) {
    throw new TypeError(`Expected ignore as an array of paths, got ${describe(patterns)}`);
  }
  const checksums = options.checksums !== false;
  return (path) => {
    if (!checksums && path.endsWith(".checksum")) return true;
    const general = path.replace(/\[\d+\]/g, "");
    return patterns.some((p) => covers(p, path) || covers(p, general));
  };
}

/**
 * The differences between two frames, field by field. Bytes are parsed (partially, so a
 * truncated frame still compares); layer lists are built and parsed back first, so computed
 * fields are compared too. Layers are matched by type and position among their type; a
 * layer only one frame has is one entry, and a different layer sequence adds a `layers`
 * entry first.
 *
 * @param expected The frame the test expects.
 * @param actual The frame that came.
 * @param options Paths to ignore, and `checksums: false`.
 * @returns The differences, in frame order; empty when the frames match.
 * @throws {TypeError} If a frame is neither bytes nor layers, or its layers do not build.
 * @throws {RangeError} If its layers have a field out of range.
 *
 * @example
 * ```ts
 * import { build, diff, formatDiff } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const expected = build([{ type: "ethernet" }, { type: "ipv4", ttl: 64 }, { type: "udp" }]);
 * const actual = build([{ type: "ethernet" }, { type: "ipv4", ttl: 63 }, { type: "udp" }]);
 * assert.deepEqual(diff(expected, actual, { checksums: false }), [
 *   { path: "ipv4.ttl", expected: 64, actual: 63 },
 * ]);
 * assert.equal(formatDiff(diff(expected, actual, { ignore: ["ipv4.checksum"] })), "ipv4.ttl: expected 64, got 63");
 * ```
 */
export function diff(
  expected: FrameLike,
  actual: FrameLike,
  options: DiffOptions = {},
): DiffEntry[] {
  const skip = ignored(options);
  const a = normalize(expected, "expected"), b = normalize(actual, "actual");
  const stacked = stackedTypes(a, b);
  const na = names(a, stacked), nb = names(b, stacked);
  const out: DiffEntry[] = [];
  const seqA = a.map((l) => l.type).join(", "), seqB = b.map((l) => l.type).join(", ");
  if (seqA !== seqB) out.push({ path: "layers", expected: seqA, actual: seqB });
  const inB = new Map(nb.map((name, k) => [name, k]));
  for (let k = 0; k < a.length; k++) {
    const j = inB.get(na[k]);
    if (j === undefined) out.push({ path: na[k], expected: a[k], actual: undefined });
    else compare(na[k], a[k], b[j], out);
  }
  const inA = new Set(na);
  for (let j = 0; j < b.length; j++) {
    if (!inA.has(nb[j])) out.push({ path: nb[j], expected: undefined, actual: b[j] });
  }
  return out.filter((e) => !skip(e.path));
}

/** Fields shown in hex. */
const HEX_FIELDS = new Set([
  "checksum",
  "ethertype",
  "protoType",
  "hwType",
  "flags",
  "verificationTag",
  "rest",
  "reserved",
]);

/** A byte array as spaced hex, the first 32 bytes. */
function hexBytes(b: Uint8Array): string {
  const shown = Array.from(b.subarray(0, 32), (x) => x.toString(16).padStart(2, "0")).join(" ");
  const more = b.length > 32 ? ` … (${b.length} bytes)` : "";
  return b.length === 0 ? "0 bytes" : `${shown}${more}`;
}

/** A value for a diff line. */
function show(field: string, v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number") {
    if (!HEX_FIELDS.has(field)) return String(v);
    return `0x${v.toString(16).padStart(v > 0xffff ? 8 : v > 0xff ? 4 : 2, "0")}`;
  }
  if (typeof v === "string" || typeof v === "boolean") return String(v);
  if (v instanceof Uint8Array) return hexBytes(v);
  if (Array.isArray(v)) return `[${v.map((x) => show(field, x)).join(", ")}]`;
  if (isRecord(v)) {
    const head = typeof v.type === "string" ? `${v.type} ` : "";
    const body = Object.keys(v).filter((k) => k !== "type").map((k) => `${k}: ${show(k, v[k])}`);
    return `${head}{ ${body.join(", ")} }`;
  }
  return String(v);
}

/**
 * Formats differences one per line: `ipv4.ttl: expected 64, got 63`. Checksums, EtherTypes
 * and flags are shown in hex, bytes as hex, absent values as "nothing".
 *
 * @param entries The differences, from {@linkcode diff}.
 * @returns The lines joined by `\n`; an empty string for no differences.
 *
 * @example
 * ```ts
 * import { formatDiff } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   formatDiff([{ path: "tcp.checksum", expected: 0x1c46, actual: 0 }]),
 *   "tcp.checksum: expected 0x1c46, got 0x00",
 * );
 * ```
 */
export function formatDiff(entries: readonly DiffEntry[]): string {
  return entries.map((e) => {
    const field = e.path.slice(e.path.lastIndexOf(".") + 1).replace(/\[\d+\]$/, "");
    return `${e.path}: expected ${show(field, e.expected)}, got ${show(field, e.actual)}`;
  }).join("\n");
}
