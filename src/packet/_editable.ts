// `parse(bytes, { editable: true })`: the computed fields (lengths, next-type fields,
// checksums) are left out where `build` would compute the same value, so the layers can be
// edited — a tag inserted, an address changed — and built again with those fields derived
// anew. A field whose value differs from the computed one (a wrong checksum, a lying length)
// stays, and the result is kept only if it builds back to the very same bytes.
import { COMPUTED } from "./_defaults.ts";
import { build } from "./build.ts";
import type { Layer } from "./layers.ts";

/** The computed fields of `layer`, left out. */
function withoutComputed(layer: Layer): Layer {
  const copy: Record<string, unknown> = { ...layer };
  for (const field of COMPUTED[layer.type]) delete copy[field];
  return copy as unknown as Layer;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * `layers` (a full parse of `bytes`) with each computed field omitted where building without
 * it gives its value; `layers` themselves when that would not rebuild `bytes` exactly.
 *
 * @param bytes The frame the layers were parsed from.
 * @param layers Its layers, every field filled.
 * @param reparse Parses a frame the same way (the caller's options, without `editable`).
 */
export function omitComputed(
  bytes: Uint8Array,
  layers: Layer[],
  reparse: (bytes: Uint8Array) => Layer[],
): Layer[] {
  let derived: Layer[];
  try {
    derived = reparse(build(layers.map(withoutComputed)));
  } catch {
    return layers; // the frame does not survive re-deriving its computed fields: keep them all
  }
  const out = layers.map((layer, i) => {
    const other = derived[i] as unknown as Record<string, unknown> | undefined;
    if (other?.type !== layer.type) return layer;
    const copy: Record<string, unknown> = { ...layer };
    for (const field of COMPUTED[layer.type]) {
      if (copy[field] === other[field]) delete copy[field];
    }
    return copy as unknown as Layer;
  });
  try {
    return sameBytes(build(out), bytes) ? out : layers;
  } catch {
    return layers;
  }
}
