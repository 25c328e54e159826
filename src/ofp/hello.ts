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
 *
 * The body is read leniently, as the specs ask (1.0: a HELLO's body is ignored; 1.3:
 * elements of unknown type are skipped) and as Open vSwitch does: elements are read while
 * they fit, and whatever follows that is not a whole element (`extra data\n` after a 1.0
 * header, stray bytes after the last element) is kept in `extra`, so a HELLO re-encodes
 * byte-exact. A version bitmap whose length is not a multiple of 4 bytes is kept as an
 * unknown element.
 *
 * @example Open vSwitch's "OFPT_HELLO with extra data" decodes
 * ```ts
 * import { decode, helloVersions } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const hello = decode(new Uint8Array([1, 0, 0, 19, 0, 0, 0, 0, ...new TextEncoder().encode("extra data\n")]));
 * assert.equal(hello.type, "HELLO");
 * assert.deepEqual(hello.type === "HELLO" && hello.elements, []);
 * assert.equal(hello.type === "HELLO" && helloVersions(hello), undefined);
 * ```
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
  /** Bytes after the last whole element that do not form one; absent when there are none. */
  extra?: Uint8Array;
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

/** @internal Decodes a HELLO body (after the header), leniently (see {@linkcode HelloMessage}). */
export function decodeHelloBody(r: Reader, version: number, xid: number): HelloMessage {
  const elements: HelloElement[] = [];
  for (let i = 0; r.remaining >= 4; i++) {
    const at = r.pos;
    const type = r.view.getUint16(at);
    const length = r.view.getUint16(at + 2);
    if (length < 4 || length > r.remaining) break;
    r.skip(4, `hello.elements[${i}]`);
    const body = r.sub(length - 4, `hello.elements[${i}].length`);
    // Padding to 8 bytes follows each element; tolerate its absence after the last one.
    const pad = ((length + 7) & ~7) - length;
    r.skip(Math.min(pad, r.remaining), `hello.elements[${i}].padding`);
    if (type === OFPHET.VERSIONBITMAP && length > 4 && (length - 4) % 4 === 0) {
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
  if (r.remaining === 0) return { version, type: "HELLO", xid, elements };
  const extra = r.bytesView(r.remaining, "hello.extra");
  return { version, type: "HELLO", xid, elements, extra };
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
  if (msg.extra !== undefined) w.bytes(msg.extra, "hello.extra");
}
