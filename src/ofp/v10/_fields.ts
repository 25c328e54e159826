// Encode-error paths built only on failure: a path string per field written would cost more
// than the encoding itself, so encoders track the field name and attach it here.

import { OfpEncodeError } from "../errors.ts";

/**
 * Returns `e` re-addressed to `path.field` when it is an {@linkcode OfpEncodeError}
 * (which the caller then throws); any other error is returned unchanged.
 */
export function atField(e: unknown, path: string, field: string): unknown {
  if (!(e instanceof OfpEncodeError)) return e;
  const suffix = e.message.lastIndexOf(" (at ");
  const message = suffix < 0 ? e.message : e.message.slice(0, suffix);
  return new OfpEncodeError(message, `${path}.${field}`, { cause: e });
}
