// Multipart replies in many small parts: bounded (parts, bytes, a deadline for the whole
// reply) and assembled in linear time.
import assert from "node:assert/strict";
import { Controller, TransactionTimeoutError } from "../../src/controller/mod.ts";
import * as F from "./_frames.ts";
import { ScriptedSwitch } from "./_scripted_switch.ts";
import { ready } from "./_setup.ts";

/** A 1.3 MULTIPART_REQUEST for DESC with xid 0 (the Controller assigns one). */
const DESC_REQUEST = F.frame(4, 18, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
const REPLY_MORE = 1;
/** What a settled transaction gave, in a few words (never the 200,000 parts themselves). */
const outcome = (v: unknown) => Array.isArray(v) ? `resolved with ${v.length} parts` : String(v);
/** Waits a macrotask: every chunk the peer wrote has been dispatched by then. */
const dispatched = () => new Promise((res) => setTimeout(res, 0));

/** `n` 16-byte FLOW MULTIPART_REPLY parts (no entries) for `xid`, the last without REPLY_MORE. */
function parts(xid: number, n: number, first = 0): Uint8Array[] {
  const part = F.multipartReply(4, xid, REPLY_MORE);
  const perChunk = 4096;
  const chunks: Uint8Array[] = [];
  for (let i = first; i < n; i += perChunk) {
    const count = Math.min(perChunk, n - i);
    const chunk = new Uint8Array(count * part.length);
    for (let j = 0; j < count; j++) chunk.set(part, j * part.length);
    if (i + count === n) chunk[chunk.length - 5] = 0; // flags: the last part
    chunks.push(chunk);
  }
  return chunks;
}

Deno.test("multipart: 200,000 parts exceed the default cap: a typed refusal, the rest dropped and counted", async () => {
  await using r = await ready();
  const p = r.conn.transactMultipart(DESC_REQUEST, { timeout: 30_000 });
  p.catch(() => {});
  const xid = F.xidOf((await r.peer.read())!);
  for (const chunk of parts(xid, 200_000)) r.peer.write(chunk);
  const err = await p.catch((e) => e);
  assert.equal(err.name, "MultipartLimitError", outcome(err));
  assert.equal(err.xid, xid);
  assert.equal(err.limit, "parts");
  assert.equal(err.max, 100_000);
  assert.match(err.message, /at most 100000 parts/);
  await dispatched();
  const c = r.conn.counters;
  assert.equal(c.lateReplies, 100_000 - 1, "the parts after the refusal are dropped as late");
  assert.equal(r.conn.pendingTransactions, 0);
  assert.equal(r.conn.queueLength, 0, "none of them reached the poll queue");
});

Deno.test("multipart: a reply over maxMultipartBytes is refused", async () => {
  await using r = await ready({ maxMultipartBytes: 1600 });
  const p = r.conn.transactMultipart(DESC_REQUEST);
  p.catch(() => {});
  const xid = F.xidOf((await r.peer.read())!);
  for (const chunk of parts(xid, 200)) r.peer.write(chunk);
  const err = await p.catch((e) => e);
  assert.equal(err.name, "MultipartLimitError", outcome(err));
  assert.equal(err.limit, "bytes");
  assert.equal(err.max, 1600);
  assert.equal(err.parts, 101, "the part that crossed the cap");
  // Per call, the caps can be raised.
  const q = r.conn.transactMultipart(DESC_REQUEST, { maxBytes: 16 * 200 });
  const xid2 = F.xidOf((await r.peer.read())!);
  for (const chunk of parts(xid2, 200)) r.peer.write(chunk);
  assert.equal((await q).length, 200);
});

Deno.test("multipart: the whole reply has a deadline besides the idle time between parts", async () => {
  await using r = await ready();
  const t0 = performance.now();
  let settled = false;
  const p = r.conn.transactMultipart(DESC_REQUEST, { timeout: 200, totalTimeout: 500 });
  p.then(() => (settled = true), () => (settled = true));
  const xid = F.xidOf((await r.peer.read())!);
  // A switch that never stops: a part every 50 ms, each with REPLY_MORE.
  let sent = 0;
  while (!settled && sent < 60) {
    r.peer.write(F.multipartReply(4, xid, REPLY_MORE));
    sent++;
    await new Promise((res) => setTimeout(res, 50));
  }
  const err = await p.catch((e) => e);
  const elapsed = performance.now() - t0;
  assert.ok(err instanceof TransactionTimeoutError, outcome(err));
  assert.equal(err.timeout, 500);
  assert.match(err.message, /whole multipart reply/);
  assert.ok(sent < 20, `the deadline ran out after ${sent} parts (${elapsed.toFixed(0)} ms)`);
});

Deno.test("multipart: assembly is linear in the number of parts", async () => {
  const caps = { maxMultipartParts: 1_000_000, maxMultipartBytes: 1 << 30 };
  async function assemble(n: number): Promise<number> {
    await using r = await ready(caps);
    const p = r.conn.transactMultipart(DESC_REQUEST, { timeout: 60_000, totalTimeout: 600_000 });
    const xid = F.xidOf((await r.peer.read())!);
    const chunks = parts(xid, n);
    const t0 = performance.now();
    for (const chunk of chunks) r.peer.write(chunk);
    const got = await p;
    const ms = performance.now() - t0;
    assert.equal(got.length, n);
    return ms;
  }
  await assemble(20_000); // warm up the JIT
  const small = Math.min(await assemble(50_000), await assemble(50_000));
  const large = Math.min(await assemble(200_000), await assemble(200_000));
  // Linear: 4 times the parts, about 4 times the time. Quadratic would be 16 times.
  assert.ok(
    large < small * 9,
    `200,000 parts took ${large.toFixed(0)} ms, 50,000 took ${small.toFixed(0)} ms`,
  );
});

Deno.test("multipart: streamMultipart yields parts as they come; parts after leaving early are dropped", async () => {
  await using r = await ready();
  const stream = r.conn.streamMultipart(DESC_REQUEST);
  const first = stream.next();
  const xid = F.xidOf((await r.peer.read())!);
  const [head, ...rest] = parts(xid, 10_000);
  r.peer.write(head);
  assert.equal((await first).done, false);
  let n = 1;
  for await (const _ of stream) if (++n === 100) break;
  for (const chunk of rest) r.peer.write(chunk);
  await dispatched();
  assert.equal(r.conn.counters.lateReplies, 10_000 - 4096);
  assert.equal(r.conn.pendingTransactions, 0);
});

Deno.test("multipart: through the socket worker, a reply over the cap is refused and its rest dropped", async () => {
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  const sw = await ScriptedSwitch.dial(port);
  await sw.handshake(1n);
  const conn = await controller.connect();
  const p = conn.transactMultipart(DESC_REQUEST, { maxParts: 50_000, timeout: 10_000 });
  p.catch(() => {});
  const xid = F.xidOf(await sw.expect(18));
  for (const chunk of parts(xid, 120_000)) await sw.write(chunk);
  const err = await p.catch((e) => e);
  assert.equal(err.name, "MultipartLimitError", outcome(err));
  assert.equal(err.parts, 50_001);
  // The rest arrives after the refusal: dropped undecoded, each counted as late.
  const barrier = conn.barrier({ timeout: 10_000 });
  await sw.write(F.frame(4, 21, F.xidOf(await sw.expect(20))));
  await barrier;
  assert.equal(conn.counters.lateReplies, 120_000 - 50_001);
  assert.equal(conn.queueLength, 0);
  await sw.close();
});
