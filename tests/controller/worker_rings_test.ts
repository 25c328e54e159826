// The socket worker's rings at their limits, over real loopback TCP: rings of 256 bytes (a
// record carries at most 56), so frames larger than a ring, a ring full for long stretches,
// reads posted beside ring records and closes behind data in flight all happen at once.
import assert from "node:assert/strict";
import { Controller, type SwitchConnection } from "../../src/controller/mod.ts";
import { WorkerTransport } from "../../src/controller/worker_transport.ts";
import * as F from "./_frames.ts";
import { ScriptedSwitch } from "./_scripted_switch.ts";

const local = { hostname: "127.0.0.1", port: 0 };
// Rings of 256 bytes; reads above 56 bytes and writes above 1000 are posted instead.
const tinyRings = () =>
  new WorkerTransport(undefined, {
    downBytes: 256,
    upBytes: 256,
    postAbove: 56,
    postWritesAbove: 1000,
  });

/** An OpenFlow 1.3 PACKET_IN whose `length` bytes of data start with `marker`, then a pattern. */
function packetIn(marker: number, length: number): Uint8Array {
  // buffer_id, total_len, reason, table_id, cookie; an empty OXM match (4 bytes, padded to
  // 8); 2 bytes of padding; the data.
  const body = new Uint8Array(26 + length);
  const v = new DataView(body.buffer);
  v.setUint32(0, 0xffffffff);
  v.setUint16(4, length);
  v.setUint16(16, 1);
  v.setUint16(18, 4);
  for (let i = 0; i < length; i++) body[26 + i] = (marker + i) & 0xff;
  v.setUint32(26, marker);
  return F.frame(4, 10, 0, body);
}

/** What a PACKET_IN handler saw: markers in order, and whether each one's data was whole. */
function collect(controller: Controller): { markers: number[]; bad: number[] } {
  const markers: number[] = [], bad: number[] = [];
  controller.register("PACKET_IN", (m) => {
    const data = (m as { data: Uint8Array }).data;
    const marker = new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
    markers.push(marker);
    for (let i = 4; i < data.length; i++) {
      if (data[i] !== ((marker + i) & 0xff)) {
        bad.push(marker);
        break;
      }
    }
    return true;
  });
  return { markers, bad };
}

async function connected(controller: Controller): Promise<[ScriptedSwitch, SwitchConnection]> {
  const [{ port }] = await controller.listening;
  const sw = await ScriptedSwitch.dial(port);
  await sw.handshake(1n);
  return [sw, await controller.connect({ timeout: 2000 })];
}

/** Resolves once `xs` has `n` entries, or fails after `ms`. */
async function until(xs: unknown[], n: number, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (xs.length < n) {
    if (performance.now() > deadline) assert.fail(`${xs.length} of ${n} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

Deno.test("worker rings: frames larger than either ring cross both ways whole, in order with small ones", async () => {
  await using controller = new Controller({ listen: local, transport: tinyRings() });
  const seen = collect(controller);
  const [sw, conn] = await connected(controller);
  // Up: sizes from a few bytes (ring records) to 20 KB (posted, beside the records).
  const sizes = [10, 3000, 20, 40, 20_000, 8, 500, 60, 60, 60, 7000, 4];
  const frames = sizes.map((n, i) => packetIn(1000 + i, n));
  await sw.write(F.concat(...frames.slice(0, 4))); // one write: a read too large for a record
  for (const f of frames.slice(4)) await sw.write(f); // separate writes: reads of each size
  await until(seen.markers, sizes.length);
  assert.deepEqual(seen.markers, sizes.map((_, i) => 1000 + i));
  assert.deepEqual(seen.bad, [], "every frame's data arrived whole");
  // Down: raw frames of 8 bytes to 5000 bytes (cut into ring records, copied back together).
  const out = [8, 5000, 16, 300, 64, 4096].map((n, i) => {
    const f = F.frame(4, F.UNKNOWN_2, 500 + i, new Uint8Array(n - 8).map((_, j) => (i + j) & 0xff));
    conn.send(f);
    return f;
  });
  for (const f of out) assert.deepEqual(await sw.read(5000), f);
  await sw.close();
  await conn.closed;
});

Deno.test("worker rings: default rings, frames larger than the idle read buffer, each in a read of its own", async () => {
  await using controller = new Controller({ listen: local });
  const seen = collect(controller);
  const [sw, conn] = await connected(controller);
  const sizes = [1000, 1024, 1025, 5000, 20_000, 60_000, 65_501]; // the last: a 65,535-byte frame
  for (const [i, n] of sizes.entries()) {
    await sw.write(packetIn(i, n));
    await until(seen.markers, i + 1);
  }
  await sw.write(F.concat(packetIn(7, 60_000), packetIn(8, 60_000), packetIn(9, 10)));
  await until(seen.markers, 10);
  assert.deepEqual(seen.markers, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(seen.bad, []);
  await sw.close();
  await conn.closed;
});

Deno.test("worker rings: a switch that floods a full ring and hangs up at once: every frame arrives before the close", async () => {
  await using controller = new Controller({ listen: local, transport: tinyRings() });
  const seen = collect(controller);
  const [sw, conn] = await connected(controller);
  let atClose = -1;
  conn.closed.then(() => (atClose = seen.markers.length));
  const count = 3000;
  const flood = F.concat(...Array.from({ length: count }, (_, i) => packetIn(i, 20 + (i % 50))));
  await sw.write(flood);
  await sw.close();
  await conn.closed;
  assert.equal(atClose, count, "the close came after the last frame");
  assert.deepEqual(seen.markers, Array.from({ length: count }, (_, i) => i));
  assert.deepEqual(seen.bad, []);
  assert.equal(conn.counters.received, count + 2, "HELLO, FEATURES_REPLY and the flood");
});

Deno.test("worker rings: the switch hangs up while the main thread lags far behind: the close still comes last", async () => {
  // Default rings: the worker reads everything and the EOF long before the main thread,
  // slowed by its handler, has dispatched the records; the close must wait its turn.
  await using controller = new Controller({ listen: local });
  const markers: number[] = [];
  controller.register("PACKET_IN", (m) => {
    const data = (m as { data: Uint8Array }).data;
    markers.push(new DataView(data.buffer, data.byteOffset, 4).getUint32(0));
    const until = performance.now() + 0.02;
    while (performance.now() < until) { /* a slow handler */ }
    return true;
  });
  const [sw, conn] = await connected(controller);
  let atClose = -1;
  conn.closed.then(() => (atClose = markers.length));
  const count = 3000;
  await sw.write(F.concat(...Array.from({ length: count }, (_, i) => packetIn(i, 40))));
  await sw.close();
  await conn.closed;
  assert.equal(atClose, count, "the close came after the last frame");
  assert.deepEqual(markers, Array.from({ length: count }, (_, i) => i));
});

Deno.test("worker rings: the Controller closes right behind writes larger than its ring: the switch reads them all, then EOF", async () => {
  await using controller = new Controller({ listen: local, transport: tinyRings() });
  const [sw, conn] = await connected(controller);
  const frames = Array.from(
    { length: 300 },
    (_, i) => F.frame(4, F.UNKNOWN_2, i + 1, new Uint8Array(92)),
  );
  for (const f of frames) conn.send(f);
  const closing = conn.close();
  for (const f of frames) assert.deepEqual(await sw.read(5000), f);
  assert.equal(await sw.read(5000), undefined);
  assert.ok(sw.eof, "then the socket closed");
  await closing;
  await sw.close();
});

Deno.test("worker rings: several switches at once share the rings, each in its own order", async () => {
  await using controller = new Controller({ listen: local, transport: tinyRings() });
  const byDpid = new Map<bigint, number[]>();
  controller.register("PACKET_IN", (m, c) => {
    const data = (m as { data: Uint8Array }).data;
    const list = byDpid.get(c.datapathId!) ?? [];
    list.push(new DataView(data.buffer, data.byteOffset, 4).getUint32(0));
    byDpid.set(c.datapathId!, list);
    return true;
  });
  const [{ port }] = await controller.listening;
  const switches = await Promise.all([1n, 2n, 3n, 4n].map(async (dpid) => {
    const sw = await ScriptedSwitch.dial(port);
    await sw.handshake(dpid);
    return sw;
  }));
  await Promise.all(switches.map(async (sw, s) => {
    for (let i = 0; i < 200; i++) await sw.write(packetIn(i, 4 + s * 40 + (i % 3) * 30));
  }));
  const deadline = performance.now() + 10_000;
  while ([...byDpid.values()].reduce((n, l) => n + l.length, 0) < 800) {
    if (performance.now() > deadline) assert.fail("not every packet-in arrived");
    await new Promise((r) => setTimeout(r, 5));
  }
  for (const dpid of [1n, 2n, 3n, 4n]) {
    assert.deepEqual(byDpid.get(dpid), Array.from({ length: 200 }, (_, i) => i), `switch ${dpid}`);
  }
  await Promise.all(switches.map((sw) => sw.close()));
});
