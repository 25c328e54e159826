// transact() types its reply after the request, and assembles multipart replies instead of
// handing out the first part.
import assert from "node:assert/strict";
import { encode, of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { ready } from "./_setup.ts";
import * as F from "./_frames.ts";

const flow = (cookie: bigint) => ({
  tableId: 0,
  durationSec: 1,
  durationNsec: 0,
  priority: 1,
  idleTimeout: 0,
  hardTimeout: 0,
  flags: 0,
  cookie,
  packetCount: 0n,
  byteCount: 0n,
  match: [],
  instructions: [],
});

Deno.test({
  name: "typed transact: a DESC request resolves to a DESC reply, with no narrowing",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    const pending = r.conn.transact(of13.descRequest());
    const req = await r.peer.read();
    r.peer.write(encode({
      ...of13.multipartReply({
        type: "DESC",
        mfrDesc: "maker",
        hwDesc: "hw",
        swDesc: "sw",
        serialNum: "1",
        dpDesc: "dp",
      }),
      xid: F.xidOf(req!),
    }));
    const reply = await pending;
    // Compiles only because the reply's type follows the request's: body.mfrDesc exists.
    assert.equal(reply.body.mfrDesc, "maker");
    const features = await Promise.all([
      r.conn.transact(of13.featuresRequest()),
      r.peer.read().then((q) =>
        r.peer.write(encode({ ...of13.featuresReply({ datapathId: 9n }), xid: F.xidOf(q!) }))
      ),
    ]);
    assert.equal(features[0].datapathId, 9n);
  },
});

Deno.test({
  name: "typed transact: a reply in parts is assembled into one, entries in order",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    const pending = r.conn.transact(of13.flowStatsRequest());
    const xid = F.xidOf((await r.peer.read())!);
    for (const [cookies, flags] of [[[1n, 2n], 1], [[3n], 1], [[4n, 5n], 0]] as const) {
      r.peer.write(encode({
        ...of13.multipartReply({ type: "FLOW", entries: cookies.map(flow) }, flags),
        xid,
      }));
    }
    const reply = await pending;
    assert.equal(reply.flags, 0, "REPLY_MORE cleared");
    assert.deepEqual(reply.body.entries.map((e) => e.cookie), [1n, 2n, 3n, 4n, 5n]);
    assert.equal(r.conn.queueLength, 0, "no part left in the poll queue");
  },
});

Deno.test({
  name: "typed transact: parts without entry lists are refused with a clear error",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    const pending = r.conn.transact(of13.descRequest());
    const xid = F.xidOf((await r.peer.read())!);
    const desc: OfpMessage = of13.multipartReply({
      type: "DESC",
      mfrDesc: "a",
      hwDesc: "",
      swDesc: "",
      serialNum: "",
      dpDesc: "",
    }, 1);
    r.peer.write(encode({ ...desc, xid }));
    r.peer.write(encode({ ...desc, xid, flags: 0 } as OfpMessage));
    await assert.rejects(pending, (e: Error) => {
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /Cannot merge a reply of 2 parts.*transactMultipart/);
      return true;
    });
  },
});

Deno.test({
  name: "typed transact: OpenFlow 1.0 stats too",
  permissions: "none",
  fn: async () => {
    await using r = await ready({ versions: [1] }, 1);
    const pending = r.conn.transact(of10.tableStatsRequest());
    const xid = F.xidOf((await r.peer.read())!);
    r.peer.write(encode({ ...of10.statsReply({ type: "TABLE", entries: [] }), xid }));
    const reply = await pending;
    assert.deepEqual(reply.body.entries, []);
    assert.equal(reply.version, 1);
  },
});
