// Listeners that see every frame a connection sends or receives (captures, message logs).
// With none registered the cost is one size check per chunk.

import type { TapListener } from "./switch_connection.ts";

/** The tap listeners of one connection. @internal */
export class Taps {
  /** Made on the first listener: most connections never have one. */
  #listeners: Set<TapListener> | undefined;

  /** Whether any listener is registered. */
  get active(): boolean {
    return this.#listeners !== undefined && this.#listeners.size !== 0;
  }

  /** Adds a listener; returns its remover. */
  add(listener: TapListener): () => void {
    const listeners = (this.#listeners ??= new Set());
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Gives one frame to every listener; a throwing listener does not stop the others. */
  emit(direction: "in" | "out", frame: Uint8Array, onError: (e: unknown) => void): void {
    for (const listener of this.#listeners ?? []) {
      try {
        listener(direction, frame);
      } catch (e) {
        onError(e);
      }
    }
  }

  /** Gives each frame of `bytes` (as framed by their header lengths) to every listener. */
  emitFrames(direction: "in" | "out", bytes: Uint8Array, onError: (e: unknown) => void): void {
    let at = 0;
    while (at < bytes.length) {
      const len = at + 4 <= bytes.length ? (bytes[at + 2] << 8) | bytes[at + 3] : 0;
      // Raw bytes a test sent may not frame: the rest goes out as one piece.
      const end = len >= 8 && at + len <= bytes.length ? at + len : bytes.length;
      this.emit(direction, bytes.subarray(at, end), onError);
      at = end;
    }
  }
}
