/**
 * Controller targets in Open vSwitch's notation: `tcp:HOST:PORT` and `ssl:HOST:PORT` to dial,
 * `ptcp:PORT[:HOST]` and `pssl:PORT[:HOST]` to listen.
 *
 * @module
 */
import type { Address } from "../controller/transport.ts";

/** A parsed target. */
export interface Target {
  /** Where to dial or listen. */
  address: Address;
  /** Whether it is TLS (`ssl:` or `pssl:`). */
  tls: boolean;
}

function port(text: string, whole: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) {
    throw new TypeError(`Expected a port number from 0 to 65535 in "${whole}", got "${text}"`);
  }
  return n;
}

function host(text: string): string {
  return text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
}

/**
 * Reads a target. Dialing targets take `tcp:`/`ssl:` (or a bare `HOST:PORT`, meaning TCP);
 * listening targets take `ptcp:`/`pssl:` (or a bare `PORT`), the host defaulting to 127.0.0.1.
 *
 * @param text The target, e.g. `"tcp:127.0.0.1:6653"` or `"ptcp:6653"`.
 * @param passive Whether it is a listening target.
 * @returns The address and whether it is TLS.
 * @throws {TypeError} If the text is not a target of that kind.
 *
 * @example
 * ```ts
 * import { parseTarget } from "@oftest/oftest/switch";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseTarget("ssl:[::1]:6653", false), { address: { hostname: "::1", port: 6653 }, tls: true });
 * assert.deepEqual(parseTarget("ptcp:6653", true), { address: { hostname: "127.0.0.1", port: 6653 }, tls: false });
 * ```
 */
export function parseTarget(text: string, passive: boolean): Target {
  if (typeof text !== "string") throw new TypeError(`Expected a target string, got ${typeof text}`);
  const m = /^(p?tcp|p?ssl):(.*)$/.exec(text);
  const scheme = m?.[1];
  const rest = m ? m[2] : text;
  if (scheme !== undefined && scheme.startsWith("p") !== passive) {
    throw new TypeError(
      `Expected a ${
        passive ? "listening (ptcp:/pssl:)" : "dialing (tcp:/ssl:)"
      } target, got "${text}"`,
    );
  }
  const tls = scheme?.endsWith("ssl") ?? false;
  if (passive) {
    const i = rest.indexOf(":");
    const p = i < 0 ? rest : rest.slice(0, i);
    return {
      address: { hostname: i < 0 ? "127.0.0.1" : host(rest.slice(i + 1)), port: port(p, text) },
      tls,
    };
  }
  const i = rest.lastIndexOf(":");
  if (i <= 0) throw new TypeError(`Expected HOST:PORT in "${text}"`);
  return {
    address: { hostname: host(rest.slice(0, i)), port: port(rest.slice(i + 1), text) },
    tls,
  };
}
