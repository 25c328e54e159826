// Packet buffers: a packet-in that carries only part of its frame keeps the whole frame here
// under a buffer id, for a later packet-out or flow-mod to release.
import { refuse } from "./_refusal.ts";

const NO_BUFFER = 0xffffffff;

interface Slot {
  id: number;
  frame: Uint8Array | undefined;
  inPort: number;
}

/** A ring of buffers: id `n` lives in slot `n % size` until a later id takes the slot. */
export class BufferPool {
  readonly size: number;
  #slots: Slot[];
  #next = 1;

  constructor(size: number) {
    this.size = size;
    this.#slots = Array.from(
      { length: size },
      () => ({ id: NO_BUFFER, frame: undefined, inPort: 0 }),
    );
  }

  /** Keeps a frame; returns its id, or NO_BUFFER when the pool has no slots. */
  store(frame: Uint8Array, inPort: number): number {
    if (this.size === 0) return NO_BUFFER;
    const id = this.#next;
    this.#next = this.#next >= 0x7fffffff ? 1 : this.#next + 1;
    this.#slots[id % this.size] = { id, frame, inPort };
    return id;
  }

  /**
   * Takes a buffered frame out.
   *
   * @throws {Refusal} OFPBRC_BUFFER_UNKNOWN for an id never given or overwritten,
   * OFPBRC_BUFFER_EMPTY for one already used.
   */
  take(id: number): { frame: Uint8Array; inPort: number } {
    const slot = this.size === 0 ? undefined : this.#slots[id % this.size];
    if (!slot || slot.id !== id) {
      throw refuse("BAD_REQUEST", "BUFFER_UNKNOWN", `Buffer ${id} does not exist`);
    }
    if (!slot.frame) throw refuse("BAD_REQUEST", "BUFFER_EMPTY", `Buffer ${id} was already used`);
    const frame = slot.frame;
    slot.frame = undefined;
    return { frame, inPort: slot.inPort };
  }
}
