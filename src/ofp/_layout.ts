// Flat fixed-size structures described as data: one table per struct instead of a
// hand-written reader and writer pair each. Used for the many cold structs (stats entries,
// features, configs); hot paths (packet-in, flow-mod, flow stats) are written by hand.
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";
import { OfpEncodeError } from "./errors.ts";
import { readIpv4, readMac, writeIpv4, writeMac } from "./_addresses.ts";
import { readFixedString, writeFixedString } from "./_fixed_string.ts";

/** How one field is stored. A `{ str: n }` is a NUL-padded string of n bytes. */
export type FieldKind = "u8" | "u16" | "u32" | "u64" | "mac" | "ipv4" | { str: number };

/** A named field, or a number of padding bytes. */
export type Field = readonly [name: string, kind: FieldKind] | number;

/** A flat struct: its fields and total size. */
export interface Layout {
  readonly fields: readonly Field[];
  readonly size: number;
}

const SIZE = { u8: 1, u16: 2, u32: 4, u64: 8, mac: 6, ipv4: 4 } as const;

/** Describes a flat struct. */
export function layout(...fields: Field[]): Layout {
  let size = 0;
  for (const f of fields) {
    size += typeof f === "number" ? f : typeof f[1] === "string" ? SIZE[f[1]] : f[1].str;
  }
  return { fields, size };
}

/** Reads a flat struct into `out` (default: a new object). */
export function readLayout<T>(
  r: Reader,
  l: Layout,
  path: string,
  out: Record<string, unknown> = {},
): T {
  r.need(l.size, path);
  for (const f of l.fields) {
    if (typeof f === "number") {
      r.pos += f;
      continue;
    }
    const [name, kind] = f;
    switch (kind) {
      case "u8":
        out[name] = r.u8(path);
        break;
      case "u16":
        out[name] = r.u16(path);
        break;
      case "u32":
        out[name] = r.u32(path);
        break;
      case "u64":
        out[name] = r.u64(path);
        break;
      case "mac":
        out[name] = readMac(r, path);
        break;
      case "ipv4":
        out[name] = readIpv4(r, path);
        break;
      default:
        out[name] = readFixedString(r, kind.str, path);
    }
  }
  return out as T;
}

/** Writes a flat struct from `obj`; a missing field is an encode error. */
export function writeLayout(w: Writer, l: Layout, obj: object, path: string): void {
  const o = obj as Record<string, unknown>;
  for (const f of l.fields) {
    if (typeof f === "number") {
      w.zeros(f);
      continue;
    }
    const [name, kind] = f;
    const v = o[name];
    try {
      if (v === undefined) throw new OfpEncodeError(`Missing field ${name}`, path);
      switch (kind) {
        case "u8":
          w.u8(v as number, path);
          break;
        case "u16":
          w.u16(v as number, path);
          break;
        case "u32":
          w.u32(v as number, path);
          break;
        case "u64":
          w.u64(v as bigint, path);
          break;
        case "mac":
          writeMac(w, v as string, path);
          break;
        case "ipv4":
          writeIpv4(w, v as string, path);
          break;
        default:
          writeFixedString(w, v as string, kind.str, path);
      }
    } catch (e) {
      // Paths are built only on failure: building one per field would dominate encoding.
      if (e instanceof OfpEncodeError) {
        throw new OfpEncodeError(e.message.replace(/ \(at [^)]*\)$/, ""), `${path}.${name}`);
      }
      throw e;
    }
  }
}

/** Reads flat structs until `r` is exhausted. */
export function readList<T>(r: Reader, l: Layout, path: string): T[] {
  const out: T[] = [];
  while (r.pos < r.end) out.push(readLayout<T>(r, l, path));
  return out;
}

/** Writes a list of flat structs. */
export function writeList(w: Writer, l: Layout, entries: readonly object[], path: string): void {
  if (!Array.isArray(entries)) throw new OfpEncodeError("Expected an array of entries", path);
  for (const e of entries as object[]) writeLayout(w, l, e, path);
}
