// What the 1.3 TLV lists (actions, instructions) share: the checks of each element's 4-byte
// header (type, length) on decode, and of field values on encode.
import { describe } from "../_addresses.ts";
import type { Reader } from "../_reader.ts";
import { OfpEncodeError } from "../errors.ts";

/**
 * Checks the header of the list element at `r.pos`: 4 bytes present, a length that is a
 * multiple of 8 of at least 8 and lies inside the list. `what` names the element in errors.
 *
 * @returns Its length.
 */
export function elementLength(r: Reader, what: string, path: string): number {
  const at = r.pos, end = r.end, view = r.view;
  if (at + 4 > end) {
    r.fail(`${what} header needs 4 bytes, ${end - at} remain`, path + "[].length", at);
  }
  const len = view.getUint16(at + 2);
  if (len < 8 || (len & 7) !== 0) {
    r.fail(
      `${what} length ${len} is not a multiple of 8 of at least 8`,
      path + "[].length",
      at + 2,
    );
  }
  if (at + len > end) {
    r.fail(
      `${what} of ${len} bytes runs past its list (${end - at} bytes remain)`,
      path + "[].length",
      at + 2,
    );
  }
  return len;
}

/** Checks an unsigned integer field of `bits` bits. */
export function checkU(v: unknown, bits: number, what: string, path: string): number {
  if (typeof v !== "number" || !(v >= 0 && v < 2 ** bits) || v % 1 !== 0) {
    throw new OfpEncodeError(
      `Expected ${what} to be an unsigned ${bits}-bit integer, got ${describe(v)}`,
      path,
    );
  }
  return v;
}

/** Checks a bytes field. */
export function checkData(v: unknown, what: string, path: string): Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new OfpEncodeError(`Expected ${what} to be a Uint8Array, got ${describe(v)}`, path);
  }
  return v;
}
