// The state `build` and `parse` thread through the per-family layer codecs.
import { PacketParseError } from "./errors.ts";
import type { Layer, LayerType } from "./layers.ts";

/** What `build` knows while writing: every layer's offset and the output. */
export interface BuildState {
  /** The layers being built. */
  layers: readonly Layer[];
  /** Their type names, read once (`types[i]` is `layers[i].type`). */
  types: readonly (string | undefined)[];
  /** `off[i]` is where layer i starts; `off[layers.length]` is where the layers end. */
  off: Int32Array;
  /** The frame being written. */
  out: Uint8Array;
  /** A view of `out`. */
  view: DataView;
  /** Where the layers end (the paddings follow). */
  end: number;
}

// What comes next while parsing (ParseState.next).
/** Nothing: the chain ends. */
export const NEXT_DONE = 0;
/** An Ethernet header. */
export const NEXT_ETHERNET = 1;
/** The layer an EtherType (in `code`) names. */
export const NEXT_ETHERTYPE = 2;
/** The layer an IPv4 protocol number (in `code`) names. */
export const NEXT_IPV4_PROTO = 3;
/** The layer an IPv6 next-header value (in `code`) names. */
export const NEXT_IPV6_NH = 4;
/** A raw layer with the rest. */
export const NEXT_RAW = 5;
/** An LLC header (after an 802.3 length). */
export const NEXT_LLC = 6;
/** Whatever follows the bottom MPLS label: IPv4 or IPv6 guessed by the first nibble, else raw. */
export const NEXT_MPLS_PAYLOAD = 7;

/** What `parse` knows while reading. */
export interface ParseState {
  /** The frame. */
  b: Uint8Array;
  /** The layers read so far. */
  layers: Layer[];
  /** Where the next layer starts. */
  at: number;
  /** Where the innermost length-delimited layer ends. */
  end: number;
  /** What comes next (a `NEXT_*` value). */
  next: number;
  /** The EtherType or protocol number for `next`. */
  code: number;
}

/**
 * Throws when fewer than `n` bytes remain for `layer`.
 * @throws {PacketParseError} If the layer does not fit.
 */
export function need(s: ParseState, n: number, layer: LayerType): void {
  if (s.at + n > s.end) {
    throw new PacketParseError(
      `Cannot parse ${layer} at offset ${s.at}: expected ${n} bytes, got ${s.end - s.at}`,
      { offset: s.at, layer },
    );
  }
}

/** Big-endian 16-bit read. */
export function u16(b: Uint8Array, p: number): number {
  return (b[p] << 8) | b[p + 1];
}

/** Big-endian 32-bit read. */
export function u32(b: Uint8Array, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

/** Narrows the current end to `e` when `e` is inside it (the bytes after become padding). */
export function narrow(s: ParseState, e: number): void {
  if (e < s.end) s.end = e;
}
