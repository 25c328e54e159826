// The Controller's way out (_outbox.ts) when a transport answers inside its own `write`: an
// in-memory transport may deliver the switch's replies synchronously, and the handlers
// (here: keep-alive answering ECHO_REQUEST) encode while the outer write is in progress.
// Every byte must go out once, in order; none lost, none twice.
import assert from "node:assert/strict";
import { Controller } from "../../src/controller/mod.ts";
import { newCounterBuffer } from "../../src/controller/counters.ts";
import type { Transport, TransportEvents } from "../../src/controller/transport.ts";
import * as F from "./_frames.ts";

/** Records every write; answers each BARRIER_REQUEST within the write: echoes, then the reply. */
class AnsweringTransport implements Transport {
  events!: TransportEvents;
  written: Uint8Array[] = [];
  start(events: TransportEvents): void {
    this.events = events;
  }
  listen(): Promise<never[]> {
    return Promise.resolve([]);
  }
  dial(): void {}
  deliver(bytes: Uint8Array): void {
    const offsets: number[] = [];
    for (let at = 0; at < bytes.length; at += (bytes[at + 2] << 8) | bytes[at + 3]) {
      offsets.push(at);
    }
    this.events.data(
      1,
      bytes,
      new DataView(bytes.buffer),
      Uint32Array.from(offsets),
      offsets.length,
    );
  }
  write(_ids: readonly number[], chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) {
      this.written.push(chunk.slice());
      for (let at = 0; at < chunk.length; at += (chunk[at + 2] << 8) | chunk[at + 3]) {
        if (chunk[at + 1] !== 20) continue;
        const xid = new DataView(chunk.buffer, chunk.byteOffset + at + 4, 4).getUint32(0);
        // Inside the write: three echo requests (answered by keep-alive, re-entrantly), then
        // the barrier's reply.
        this.deliver(F.concat(
          F.frame(4, 2, 1000 + xid, [1]),
          F.frame(4, 2, 2000 + xid, [2]),
          F.frame(4, 2, 3000 + xid, [3]),
        ));
        this.deliver(F.frame(4, 21, xid));
      }
    }
  }
  closeConnection(): void {}
  close(): Promise<void> {
    return Promise.resolve();
  }
}

Deno.test({
  name:
    "outbox: replies delivered inside a write are answered once each, after what was being written",
  permissions: "none",
  fn: async () => {
    const transport = new AnsweringTransport();
    await using controller = new Controller({ transport, features: false, versions: [4] });
    transport.events.opened(1, {
      local: { hostname: "memory", port: 0 },
      remote: { hostname: "memory", port: 1 },
      counters: newCounterBuffer(),
      tls: false,
    });
    transport.deliver(F.hello(4));
    const conn = await controller.connect();
    const [a, b] = await Promise.all([conn.barrier(), conn.barrier()]);
    const frames: string[] = [];
    const all = F.concat(...transport.written);
    for (let at = 0; at < all.length; at += (all[at + 2] << 8) | all[at + 3]) {
      frames.push(`${all[at + 1]}:${new DataView(all.buffer, at + 4, 4).getUint32(0)}`);
    }
    const [x, y] = [a.xid, b.xid];
    assert.deepEqual(frames, [
      "0:1", // our HELLO
      `20:${x}`,
      `20:${y}`,
      ...[x, y].flatMap((xid) => [`3:${1000 + xid}`, `3:${2000 + xid}`, `3:${3000 + xid}`]),
    ]);
    assert.equal(conn.counters.handled, 1 + 6 + 2, "HELLO, six echoes, two barrier replies");
  },
});
