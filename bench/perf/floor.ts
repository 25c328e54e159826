// The design's floor, measured in the same run as the Controller: the main thread sends a
// request through shared memory to a worker that owns the socket, and waits for the reply the
// same way (peers/floor_worker.ts). Atomics.notify / Atomics.waitAsync both ways.
import { FLOOR } from "./_floor_layout.ts";

/** A floor connection to an echo peer: `echo(request)` resolves with the round trip in µs. */
export interface Floor {
  echo(request: Uint8Array, replyLength: number): Promise<number>;
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
  let timer: number | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      ready = resolve;
      timer = setTimeout(() => reject(new Error("floor: the worker did not connect in 5 s")), 5000);
    });
  } catch (e) {
    worker.terminate();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  let requests = 0;
  const floor: Floor = {
    async echo(request, replyLength) {
      const t = performance.now();
      const replies = Atomics.load(words, FLOOR.replies);
      Atomics.store(words, FLOOR.replyLength, replyLength);
      bytes.set(request, FLOOR.requestAt);
      Atomics.store(words, FLOOR.requestLength, request.length);
      Atomics.store(words, FLOOR.requests, ++requests);
      Atomics.notify(words, FLOOR.requests);
      const w = Atomics.waitAsync(words, FLOOR.replies, replies, 5000);
      if (w.async && (await w.value) === "timed-out") {
        throw new Error("floor: no reply within 5 s");
      }
      return (performance.now() - t) * 1000;
    },
    async close() {
      Atomics.store(words, FLOOR.requests, -1);
      Atomics.notify(words, FLOOR.requests);
      let timer: number | undefined;
      await Promise.race([done, new Promise((r) => (timer = setTimeout(r, 2000)))]);
      clearTimeout(timer);
      worker.terminate();
    },
  };
  return floor;
}
