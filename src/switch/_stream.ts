// Byte streams to a controller: Deno connections (TCP, TLS dialed) and node:tls sockets
// (TLS accepted with a client certificate, see src/_mutual_tls.ts), one shape.
import type { ByteStream } from "../_mutual_tls.ts";

/** A byte stream. */
export type Stream = ByteStream;

/** Writes all of `bytes`. */
export async function writeAll(s: Stream, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length;) off += await s.write(bytes.subarray(off));
}
