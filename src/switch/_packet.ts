// A packet in the pipeline: its bytes or its layers (whichever is current), its lookup key,
// and the pipeline's own fields. Frames that no action rewrites are never parsed into layers.
import type { Layer } from "../packet/mod.ts";
import { build, parse } from "../packet/mod.ts";
import { extractKey, KEY_WORDS, S } from "./_key.ts";

/** A packet being processed. */
export class Packet {
  #bytes: Uint8Array | undefined;
  #layers: Layer[] | undefined;
  #keyValid = false;
  /** Lookup key; pipeline slots (in_port, metadata, tunnel_id) are set by the pipeline. */
  readonly key: Int32Array;
  /** Queue chosen by SET_QUEUE (0: the default queue). */
  queue = 0;

  constructor(bytes: Uint8Array, inPort: number, key: Int32Array = new Int32Array(KEY_WORDS)) {
    this.#bytes = bytes;
    this.key = key;
    key[S.IN_PORT] = inPort;
    key[S.IN_PHY_PORT] = inPort;
    key[S.METADATA] = 0;
    key[S.METADATA + 1] = 0;
    key[S.TUNNEL_ID] = 0;
    key[S.TUNNEL_ID + 1] = 0;
  }

  /** The ingress port. */
  get inPort(): number {
    return this.key[S.IN_PORT] >>> 0;
  }

  /** The frame as it is now. */
  get bytes(): Uint8Array {
    if (this.#bytes === undefined) this.#bytes = build(this.#layers!);
    return this.#bytes;
  }

  /** The key, re-read from the frame after any rewrite. */
  lookupKey(): Int32Array {
    if (!this.#keyValid) {
      extractKey(this.bytes, this.key);
      this.#keyValid = true;
    }
    return this.key;
  }

  /** The layers, parsed on first use; a caller that changes them must call `changed`. */
  layers(): Layer[] {
    if (this.#layers === undefined) this.#layers = parse(this.#bytes!, { partial: true });
    return this.#layers;
  }

  /** Records a change to the layers' fields. */
  changed(): void {
    this.#bytes = undefined;
    this.#keyValid = false;
  }

  /** Replaces the frame with rewritten bytes; the layers are parsed again when next needed. */
  replaceBytes(bytes: Uint8Array): void {
    this.#bytes = bytes;
    this.#layers = undefined;
    this.#keyValid = false;
  }

  /**
   * Records a change of structure (a header pushed or popped): the frame is rebuilt now and
   * parsed again when next needed, since what follows a header may now read differently.
   */
  restructured(): void {
    this.#bytes = build(this.#layers!);
    this.#layers = undefined;
    this.#keyValid = false;
  }

  /** An independent copy (for groups and outputs that change their own copy). */
  clone(): Packet {
    const copy = new Packet(this.bytes.slice(), 0);
    copy.key.set(this.key);
    copy.#keyValid = this.#keyValid;
    copy.queue = this.queue;
    return copy;
  }
}
