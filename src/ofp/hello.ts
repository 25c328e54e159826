/**
 * HELLO, whose layout is the same in every OpenFlow version, and version bitmaps.
 *
 * @module
 */
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";

/** `ofp_hello_elem_type`. */
export const OFPHET = { VERSIONBITMAP: 1 } as const;

/** A version-bitmap HELLO element: bit `v` of the bitmap words set means version `v` is supported. */
export interface HelloVersionBitmap {
  /** Discriminant. */
  type: "VERSIONBITMAP";
  /** The 32-bit bitmap words, least significant word first (word 0 covers versions 0–31). */
  bitmaps: number[];
}

/** A HELLO element of a type this codec does not know, kept byte-exact. */
export interface HelloUnknownElement {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The element type number from the wire. */
  elementType: number;
  /** The element's body, without its 4-byte header and padding. */
  data: Uint8Array;
}

/** One element of a HELLO. */
export type HelloElement = HelloVersionBitmap | HelloUnknownElement;

/**
 * OFPT_HELLO, in any version (its layout never changed). OpenFlow 1.0 switches send no
 * elements; 1.3.1 and later send a version bitmap.
 */
export interface HelloMessage {
  /** Wire-protocol version of this HELLO (the highest the sender supports). */
  version: number;
  /** Discriminant. */
  type: "HELLO";
  /** Transaction id. */
  xid: number;
  /** HELLO elements, in wire order. */
  elements: HelloElement[];
}

/**
 * Builds a version bitmap element from a list of versions.
 *
 * @param versions Wire-protocol versions, e.g. `[1, 4]`.
 * @returns The element, with as many bitmap words as the highest version needs.
 *
 * @example
 * ```ts
 * import { versionBitmap } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(versionBitmap([1, 4]), { type: "VERSIONBITMAP", bitmaps: [0x12] });
 * ```
 */
export function versionBitmap(versions: readonly number[]): HelloVersionBitmap {
  const words = Math.floor(Math.max(0, ...versions) / 32) + 1;
  const bitmaps = new Array<number>(words).fill(0);
  for (const v of versions) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new RangeError(`Invalid version ${v}`);
    bitmaps[v >> 5] = (bitmaps[v >> 5] | (1 << (v & 31))) >>> 0;
  }
  return { type: "VERSIONBITMAP", bitmaps };
}

/**
 * The versions a HELLO advertises: those of its bitmap if it has one, else its
 * header version (per OpenFlow 1.3.1 §6.3.1, "all versions up to" it — the caller decides
 * how to treat that; here only the header version is returned).
 *
 * @param hello A decoded HELLO.
 * @returns The advertised versions in ascending order, or `undefined` without a bitmap.
 */
export function helloVersions(hello: HelloMessage): number[] | undefined {
  const bitmap = hello.elements.find((e): e is HelloVersionBitmap => e.type === "VERSIONBITMAP");
  if (!bitmap) return undefined;
  const out: number[] = [];
  bitmap.bitmaps.forEach((word, i) => {
    for (let bit = 0; bit < 32; bit++) if (word & (1 << bit)) out.push(i * 32 + bit);
  });
  return out;
}

/** @internal Decodes a HELLO body (after the header). */
export function decodeHelloBody(r: Reader, version: number, xid: number): HelloMessage {
  const elements: HelloElement[] = [];
  for (let i = 0; r.remaining > 0; i++) {
    const at = r.pos;
    const type = r.u16(`hello.elements[${i}].type`);
    const length = r.u16(`hello.elements[${i}].length`);
    if (length < 4) {
      r.fail(
        `Hello element length ${length} is below its 4-byte header`,
        `hello.elements[${i}].length`,
        at + 2,
      );
    }
    const body = r.sub(length - 4, `hello.elements[${i}].length`);
    // Padding to 8 bytes follows each element; tolerate its absence after the last one.
    const pad = ((length + 7) & ~7) - length;
    if (r.remaining > 0) r.skip(Math.min(pad, r.remaining), `hello.elements[${i}].padding`);
    if (type === OFPHET.VERSIONBITMAP) {
      if ((length - 4) % 4 !== 0) {
        r.fail(
          `Version bitmap length ${length - 4} is not a multiple of 4`,
          `hello.elements[${i}].length`,
          at + 2,
        );
      }
      const bitmaps: number[] = [];
      while (body.remaining > 0) bitmaps.push(body.u32(`hello.elements[${i}].bitmaps`));
      elements.push({ type: "VERSIONBITMAP", bitmaps });
    } else {
      elements.push({
        type: "UNKNOWN",
        elementType: type,
        data: body.bytesView(body.remaining, `hello.elements[${i}].data`),
      });
    }
  }
  return { version, type: "HELLO", xid, elements };
}

/** @internal Encodes a HELLO body (after the header). */
export function encodeHelloBody(w: Writer, msg: HelloMessage): void {
  const elements = msg.elements ?? [];
  elements.forEach((e, i) => {
    const start = w.pos;
    if (e.type === "VERSIONBITMAP") {
      w.u16(OFPHET.VERSIONBITMAP, `hello.elements[${i}].type`);
      w.u16(0, `hello.elements[${i}].length`);
      e.bitmaps.forEach((word, j) => w.u32(word, `hello.elements[${i}].bitmaps[${j}]`));
    } else {
      w.u16(e.elementType, `hello.elements[${i}].elementType`);
      w.u16(0, `hello.elements[${i}].length`);
      w.bytes(e.data, `hello.elements[${i}].data`);
    }
    w.patchLength16(start + 2, start, `hello.elements[${i}].length`);
    w.align(start, 8);
  });
}
