// Reads the shared corpus of real OpenFlow messages (../shared/corpus beside the checkout).
import { CORPUS_DIR } from "./peers.ts";

/** One corpus message: its file name, bytes and, where Ryu decoded it, Ryu's JSON. */
export interface CorpusMessage {
  /** Version folder, e.g. "of13". */
  dir: string;
  /** File name, e.g. "4-2-ofp_flow_mod.packet". */
  name: string;
  /** The message bytes as sent on the wire. */
  bytes: Uint8Array;
  /** Ryu's decoding from `ryu/json/<dir>/<name>.json`, if present. */
  json?: unknown;
}

/** Every `*.packet` file of the given version folders (sorted by name), with Ryu's JSON. */
export function readCorpus(dirs: string[], suffix = ".packet"): CorpusMessage[] {
  const out: CorpusMessage[] = [];
  for (const dir of dirs) {
    const names = [...Deno.readDirSync(`${CORPUS_DIR}ryu/${dir}`)]
      .filter((e) => e.isFile && e.name.endsWith(suffix))
      .map((e) => e.name)
      .sort();
    for (const name of names) {
      const bytes = Deno.readFileSync(`${CORPUS_DIR}ryu/${dir}/${name}`);
      let json: unknown;
      try {
        json = JSON.parse(Deno.readTextFileSync(`${CORPUS_DIR}ryu/json/${dir}/${name}.json`));
      } catch (e) {
        if (!(e instanceof Deno.errors.NotFound)) throw e;
      }
      out.push({ dir, name, bytes, json });
    }
  }
  return out;
}
