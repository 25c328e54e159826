// `ofp_port` (64 bytes), the port description of PORT_STATUS and of a PORT_DESC reply.

import { layout, readLayout, writeLayout } from "../_layout.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import type { Of13Port } from "./types.ts";

/** `ofp_port`: port_no, pad[4], hw_addr[6], pad[2], name[16], then eight 32-bit words. */
const PORT = layout(
  ["portNo", "u32"],
  4,
  ["hwAddr", "mac"],
  2,
  ["name", { str: 16 }],
  ["config", "u32"],
  ["state", "u32"],
  ["curr", "u32"],
  ["advertised", "u32"],
  ["supported", "u32"],
  ["peer", "u32"],
  ["currSpeed", "u32"],
  ["maxSpeed", "u32"],
);

/** Size of `ofp_port` in bytes. */
export const OFP_PORT_LEN = 64;

/** Reads one `ofp_port`. */
export function decodePort(r: Reader, path: string): Of13Port {
  return readLayout<Of13Port>(r, PORT, path);
}

/** Writes one `ofp_port`. */
export function encodePort(w: Writer, port: Of13Port, path: string): void {
  if (port === null || typeof port !== "object") {
    throw new OfpEncodeError("Expected a port description object", path);
  }
  writeLayout(w, PORT, port, path);
}

/** Reads ports until `r` is exhausted; a trailing partial port is an error. */
export function decodePorts(r: Reader, path: string): Of13Port[] {
  const out: Of13Port[] = [];
  while (r.pos < r.end) out.push(readLayout<Of13Port>(r, PORT, path));
  return out;
}

/** Writes a list of ports. */
export function encodePorts(w: Writer, ports: readonly Of13Port[], path: string): void {
  if (!Array.isArray(ports)) throw new OfpEncodeError("Expected an array of ports", path);
  for (const p of ports as Of13Port[]) encodePort(w, p, path);
}
