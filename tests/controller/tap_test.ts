// conn.tap: every frame in both directions, in order, whoever consumes it; a throwing
// listener does not disturb the connection.
import assert from "node:assert/strict";
import { ready } from "./_setup.ts";
import * as F from "./_frames.ts";

Deno.test({
  name: "tap: sees sent and received frames in order, consumed ones included",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    const seen: string[] = [];
    const stop = r.conn.tap((direction, frame) => {
      seen.push(`${direction} type ${frame[1]} len ${frame.length}`);
    });
    const done = r.conn.barrier();
    const request = await r.peer.read();
    assert.equal(request?.[1], 20, "BARRIER_REQUEST");
    r.peer.write(F.frame(4, 21, F.xidOf(request!)));
    await done;
    r.peer.write(F.frame(4, 2, 7)); // ECHO_REQUEST: answered by keep-alive, consumed
    assert.equal((await r.peer.read())?.[1], 3);
    r.conn.send(new Uint8Array([4, 0, 0, 4, 0, 0, 0, 1])); // raw bytes that do not frame
    await r.peer.read();
    stop();
    r.conn.send(F.frame(4, 20, 9)); // after stop: not seen
    await r.peer.read();
    assert.deepEqual(seen, [
      "out type 20 len 8",
      "in type 21 len 8",
      "in type 2 len 8",
      "out type 3 len 8",
      "out type 0 len 8",
    ]);
  },
});

Deno.test({
  name: "tap: a throwing listener is logged, others still run; a non-function is refused",
  permissions: "none",
  fn: async () => {
    await using r = await ready();
    let calls = 0;
    r.conn.tap(() => {
      throw new Error("listener bug");
    });
    r.conn.tap(() => calls++);
    const done = r.conn.echo();
    const request = await r.peer.read();
    r.peer.write(F.frame(4, 3, F.xidOf(request!)));
    await done;
    assert.equal(calls, 2);
    // deno-lint-ignore no-explicit-any
    assert.throws(() => r.conn.tap(42 as any), TypeError);
  },
});
