// The design's floor, as a worker (`bench/perf/floor.ts` starts it): the smallest thing that
// has a worker own a socket while the main thread sends and receives through shared memory.
// One SharedArrayBuffer; the main thread writes a request into it and wakes this worker
// with Atomics.notify; this worker writes it to the socket, its read loop copies the reply
// back and wakes the main thread the same way. No framing beyond the reply's length, no
// objects per message, one reused read buffer: what any worker-owned socket must pay.
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import { FLOOR } from "../_floor_layout.ts";

self.onmessage = async (e: MessageEvent<{ sab: SharedArrayBuffer; port: number }>) => {
  const { sab, port } = e.data;
  const words = new Int32Array(sab);
  const bytes = new Uint8Array(sab);
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  conn.setNoDelay(true);
  self.postMessage("ready");
  const out = new Uint8Array(FLOOR.slot);
  const buf = new Uint8Array(4096);
  let have = 0;
  /** Hands the reply over once its bytes are here (the main thread set its length first). */
  const deliver = () => {
    const want = Atomics.load(words, FLOOR.replyLength);
    if (want === 0 || have < want) return;
    Atomics.store(words, FLOOR.replyLength, 0);
    bytes.set(buf.subarray(0, want), FLOOR.replyAt);
    have -= want;
    buf.copyWithin(0, want, want + have);
    Atomics.add(words, FLOOR.replies, 1);
    Atomics.notify(words, FLOOR.replies);
  };
  const reading = (async () => {
    for (;;) {
      const n = await conn.read(buf.subarray(have)).catch(() => null);
      if (n === null) return;
      have += n;
      deliver();
    }
  })();
  // The write side: wait for the next request, copy it out of shared memory, write it.
  let seen = 0;
  for (;;) {
    const w = Atomics.waitAsync(words, FLOOR.requests, seen);
    if (w.async) await w.value;
    const now = Atomics.load(words, FLOOR.requests);
    if (now < 0) break;
    if (now === seen) continue;
    seen = now;
    const len = Atomics.load(words, FLOOR.requestLength);
    out.set(bytes.subarray(FLOOR.requestAt, FLOOR.requestAt + len));
    for (let at = 0; at < len;) at += await conn.write(out.subarray(at, len));
    deliver();
  }
  conn.close();
  await reading;
  self.postMessage("done");
};
