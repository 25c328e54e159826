// The Controller with the OpenFlow 1.0 and 1.3 message codecs: messages by type name, as the
// codec's field contract defines them (ECHO data, ERROR errType/code, FEATURES_REPLY
// datapathId, MULTIPART/STATS flags and body, PACKET_IN, BARRIER). These tests need
// src/ofp/v10 and src/ofp/v13 to decode and encode those types.
import assert from "node:assert/strict";
import { SwitchError } from "../../src/controller/mod.ts";
import * as F from "./_frames.ts";
import { ready } from "./_setup.ts";

Deno.test("codec: ECHO_REQUEST/ECHO_REPLY messages by type, payload as data", async () => {
  await using r = await ready();
  const p = r.conn.transact({
    version: 4,
    type: "ECHO_REQUEST",
    xid: 0,
    data: new Uint8Array([1, 2, 3]),
  } as never);
  p.catch(() => {}); // an encode failure shows at `await p`, failing this test alone
  const req = await r.peer.read(500);
  if (!req) await p; // nothing was sent: surface why
  assert.deepEqual([...req!.subarray(0, 4)], [4, 2, 0, 11]);
  r.peer.write(F.frame(4, 3, F.xidOf(req!), req!.subarray(8)));
  const reply = (await p) as unknown as { type: string; data: Uint8Array };
  assert.equal(reply.type, "ECHO_REPLY");
  assert.deepEqual([...reply.data], [1, 2, 3]);
});

Deno.test("codec: FEATURES_REPLY is decoded and kept as conn.features", async () => {
  await using r = await ready({}, 4, 0x1234n);
  const f = r.conn.features as unknown as { type: string; datapathId: bigint; nTables: number };
  assert.equal(f.type, "FEATURES_REPLY");
  assert.equal(f.datapathId, 0x1234n);
  assert.equal(f.nTables, 254);
});

Deno.test("codec: PACKET_IN reaches handlers and polls by its type name", async () => {
  await using r = await ready();
  const seen: number[] = [];
  r.conn.register("PACKET_IN", (m) => {
    seen.push(m.xid);
    return m.xid === 0 && seen.length === 1;
  });
  r.peer.write(F.concat(F.packetIn13(1), F.packetIn13(2)));
  const second = await r.conn.poll("PACKET_IN");
  assert.equal(second?.type, "PACKET_IN");
  assert.deepEqual(seen, [0, 0]);
  assert.equal(r.conn.counters.packetIns, 2);
});

Deno.test("codec: an ERROR reply names its type and code", async () => {
  await using r = await ready();
  const p = r.conn.transact(F.frame(4, 13, 0));
  const req = (await r.peer.read())!;
  r.peer.write(F.error(4, F.xidOf(req), 1, 6, req));
  const err = await p.catch((e) => e);
  assert.ok(err instanceof SwitchError);
  assert.equal(err.typeName, "OFPET_BAD_REQUEST");
  assert.equal(err.codeName, "OFPBRC_BAD_LEN");
  assert.equal((err.reply as { type: string }).type, "ERROR");
});

Deno.test("codec: barrier() resolves with a BARRIER_REPLY in 1.0 and 1.3", async () => {
  for (const version of [1, 4]) {
    await using r = await ready({ versions: [version] }, version);
    const p = r.conn.barrier();
    const req = (await r.peer.read())!;
    r.peer.write(F.frame(version, version === 1 ? 19 : 21, F.xidOf(req)));
    assert.equal((await p).type, "BARRIER_REPLY");
  }
});

Deno.test("codec: transactMultipart with a MULTIPART_REQUEST message object", async () => {
  await using r = await ready();
  const p = r.conn.transactMultipart({
    version: 4,
    type: "MULTIPART_REQUEST",
    xid: 0,
    flags: 0,
    body: { type: "PORT_DESC" },
  } as never);
  p.catch(() => {}); // an encode failure shows at `await p`, failing this test alone
  const req = await r.peer.read(500);
  if (!req) await p; // nothing was sent: surface why
  assert.deepEqual([req![1], req![8], req![9]], [18, 0, 13], "MULTIPART_REQUEST, OFPMP_PORT_DESC");
  const xid = F.xidOf(req!);
  r.peer.write(F.multipartReply(4, xid, 1, 13));
  r.peer.write(F.multipartReply(4, xid, 0, 13));
  const parts = (await p) as unknown as { type: string; flags: number; body: { type: string } }[];
  assert.deepEqual(parts.map((m) => [m.type, m.flags, m.body.type]), [
    ["MULTIPART_REPLY", 1, "PORT_DESC"],
    ["MULTIPART_REPLY", 0, "PORT_DESC"],
  ]);
});
