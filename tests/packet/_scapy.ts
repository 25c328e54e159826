// Runs tests/packet/scapy_peer.py once with a JSON request, bytes as {"hex": "..."}.
import { DEFAULTS } from "../../src/packet/_defaults.ts";
import type { Layer } from "../../src/packet/mod.ts";
import { DEBIAN_PYTHON } from "../_util/peers.ts";

const SCRIPT = new URL("./scapy_peer.py", import.meta.url).pathname;

/** Bytes as lowercase hex. */
export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** Hex as bytes. */
export function fromHex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** JSON with Uint8Arrays as {"hex": "..."}. */
export function stringify(v: unknown): string {
  return JSON.stringify(v, (_k, x) => x instanceof Uint8Array ? { hex: toHex(x) } : x);
}

/** JSON with {"hex": "..."} objects back as Uint8Arrays. */
export function revive<T>(text: string): T {
  return JSON.parse(text, (_k, x) => {
    if (x !== null && typeof x === "object" && !Array.isArray(x)) {
      const keys = Object.keys(x);
      if (keys.length === 1 && keys[0] === "hex") return fromHex(x.hex);
    }
    return x;
  });
}

/** The layers with every field that is not computed given (the defaults written out). */
export function withDefaults(layers: readonly Layer[]): Layer[] {
  return layers.map((l) => ({ ...DEFAULTS[l.type], ...l }) as Layer);
}

/** Runs the peer with one request; returns its parsed answer. */
export async function scapy<T>(request: unknown): Promise<T> {
  const child = new Deno.Command(DEBIAN_PYTHON, {
    args: [SCRIPT],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(stringify(request)));
  await w.close();
  const out = await child.output();
  if (!out.success) {
    throw new Error(`scapy_peer.py failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  return revive<T>(new TextDecoder().decode(out.stdout));
}
