// An ERROR in another version than the negotiated one (a switch answering a message of a
// version it does not speak, OFPBRC_BAD_VERSION, in that version) is surfaced, not dropped;
// any other message of another version is still a parse error.
import assert from "node:assert/strict";
import { SwitchError } from "../../src/controller/mod.ts";
import { ready } from "./_setup.ts";
import * as F from "./_frames.ts";

const BAD_VERSION = [0, 1, 0, 0]; // type OFPET_BAD_REQUEST (1), code OFPBRC_BAD_VERSION (0)

Deno.test({
  name: "foreign-version ERROR: answers its transaction as a SwitchError",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    const pending = r.conn.transact(F.frame(3, 20, 42)); // a 1.2 BARRIER_REQUEST
    const req = await r.peer.read();
    assert.equal(req?.[0], 3);
    r.peer.write(F.frame(3, 1, 42, BAD_VERSION));
    await assert.rejects(pending, (e: unknown) => {
      assert.ok(e instanceof SwitchError);
      assert.deepEqual([e.errType, e.code, e.xid], [1, 0, 42]);
      return true;
    });
    assert.equal(r.conn.counters.parseErrors, 0);
  },
});

Deno.test({
  name: "foreign-version ERROR: unsolicited, it reaches the poll queue with its version",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    r.peer.write(F.frame(3, 1, 7, BAD_VERSION));
    const err = await r.conn.poll("ERROR", { timeout: 1000 });
    assert.ok(err && err.type === "ERROR");
    assert.equal(err.version as number, 3, "its own version");
    assert.deepEqual([err.errType, err.code, err.xid], [1, 0, 7]);
  },
});

Deno.test({
  name: "foreign-version messages other than ERROR are still parse errors",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    r.peer.write(F.frame(3, 21, 9)); // a 1.2 BARRIER_REPLY
    r.peer.write(F.frame(3, 1, 9, [0, 1])); // an ERROR too short to carry type and code
    const done = r.conn.barrier(); // in order after both
    const req = await r.peer.read();
    r.peer.write(F.frame(4, 21, F.xidOf(req!)));
    await done;
    assert.equal(r.conn.counters.parseErrors, 2);
    assert.equal(await r.conn.poll("all", { timeout: 0 }), undefined);
  },
});
