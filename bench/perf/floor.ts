// The design's floor, measured in the same run as the Controller: the main thread sends a
// request through shared memory to a worker that owns the socket, and waits for the reply the
// same way (peers/floor_worker.ts). Atomics.notify / Atomics.waitAsync both ways.
import { FLOOR } from "./_floor_layout.ts";
import { within } from "./_harness.ts";

/** A floor connection to an echo peer. */
export interface Floor {
  /** Sends `request` and resolves once `replyLength` bytes came back. */
  echo(request: Uint8Array, replyLength: number): Promise<void>;
  /** Makes a pending `echo` reject (a guard's way out of a wait that never ends). */
  abort(): void;
  close(): Promise<void>;
}

/** Starts the floor worker, connected to `port` on 127.0.0.1. */
export async function openFloor(port: number): Promise<Floor> {
  const sab = new SharedArrayBuffer(FLOOR.size);
  const words = new Int32Array(sab);
  const bytes = new Uint8Array(sab);
  const worker = new Worker(new URL("./peers/floor_worker.ts", import.meta.url), {
    type: "module",
  });
  let ready: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    worker.onmessage = (e) => (e.data === "ready" ? ready() : resolve());
  });
  worker.postMessage({ sab, port });
  try {
    await within(new Promise<void>((resolve) => (ready = resolve)), 5000, "floor worker's connect");
  } catch (e) {
    worker.terminate();
    throw e;
  }
  let requests = 0;
  let aborted = false;
  const floor: Floor = {
    async echo(request, replyLength) {
      const replies = Atomics.load(words, FLOOR.replies);
      Atomics.store(words, FLOOR.replyLength, replyLength);
      bytes.set(request, FLOOR.requestAt);
      Atomics.store(words, FLOOR.requestLength, request.length);
      Atomics.store(words, FLOOR.requests, ++requests);
      Atomics.notify(words, FLOOR.requests);
      // No timeout on the wait (it would cost the floor a timer): abort() ends it instead.
      const w = Atomics.waitAsync(words, FLOOR.replies, replies);
      if (w.async) await w.value;
      if (aborted) throw new Error("floor: aborted while waiting for a reply");
    },
    abort() {
      aborted = true;
      Atomics.notify(words, FLOOR.replies);
    },
    async close() {
      Atomics.store(words, FLOOR.requests, -1);
      Atomics.notify(words, FLOOR.requests);
      await within(done, 2000, "floor worker's close").catch(() => {});
      worker.terminate();
    },
  };
  return floor;
}
