// The public surface of src/controller/mod.ts, name by name, and the small helpers.
import assert from "node:assert/strict";
import * as mod from "../../src/controller/mod.ts";
import { MemoryTransport } from "../../src/testing/mod.ts";

Deno.test({
  name: "mod: exports exactly the documented runtime names",
  permissions: "none",
  fn: () => {
    assert.deepEqual(Object.keys(mod).sort(), [
      "ConnectionClosedError",
      "Controller",
      "HandshakeError",
      "MultipartLimitError",
      "OFP_TCP_PORT",
      "SwitchError",
      "TransactionTimeoutError",
      "WaitTimeoutError",
      "hexdump",
    ]);
    assert.equal(mod.OFP_TCP_PORT, 6653);
  },
});

Deno.test({
  name: "hexdump: offsets, hex, ASCII, width and truncation",
  permissions: "none",
  fn: () => {
    assert.equal(mod.hexdump(new Uint8Array()), "");
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    assert.equal(
      mod.hexdump(bytes),
      "0000  41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|\n" +
        "0010  51 52 53 54                                      |QRST|",
    );
    assert.equal(
      mod.hexdump(bytes, { width: 4, max: 6 }),
      "0000  41 42 43 44  |ABCD|\n0004  45 46        |EF|\n... 14 more bytes",
    );
    assert.throws(() => mod.hexdump(bytes, { width: 0 }), RangeError);
  },
});

Deno.test({
  name: "errors: names, fields, causes and sentence-case messages",
  permissions: "none",
  fn: () => {
    const cause = new Error("reset");
    const closed = new mod.ConnectionClosedError("Connection 2 closed: reset", {
      cause,
      connectionId: 2,
      datapathId: 5n,
    });
    assert.equal(closed.name, "ConnectionClosedError");
    assert.equal(closed.cause, cause);
    assert.equal(closed.datapathId, 5n);
    const timeout = new mod.TransactionTimeoutError(9, 2000, 18);
    assert.equal(
      timeout.message,
      "Expected a reply to xid 9 (message type 18) within 2000 ms, got none",
    );
    const sw = new mod.SwitchError({
      xid: 3,
      errType: 1,
      code: 6,
      typeName: "OFPET_BAD_REQUEST",
      codeName: "OFPBRC_BAD_LEN",
      data: new Uint8Array([1, 2]),
      reply: undefined,
    });
    assert.equal(
      sw.message,
      "Expected a reply to xid 3, got an error: type OFPET_BAD_REQUEST (1), code OFPBRC_BAD_LEN (6), 2 bytes of data",
    );
    const hs = new mod.HandshakeError("No common version", {
      reason: "no-common-version",
      ours: [4],
      theirs: [1],
    });
    assert.equal(hs.name, "HandshakeError");
    assert.equal(new mod.WaitTimeoutError("a switch", 5).name, "WaitTimeoutError");
  },
});

Deno.test("options: out-of-range settings are refused before anything starts", () => {
  const transport = new MemoryTransport();
  assert.throws(() => new mod.Controller({ transport, versions: [2] }), RangeError);
  assert.throws(() => new mod.Controller({ transport, versions: [] }), RangeError);
  assert.throws(() => new mod.Controller({ transport, maxQueue: 0 }), RangeError);
  assert.throws(() => new mod.Controller({ transport, timeout: Infinity }), RangeError);
  assert.throws(() => new mod.Controller({ transport, echoInterval: -1 }), RangeError);
  assert.throws(() => new mod.Controller({ transport, onMalformed: "ignore" as never }), TypeError);
  assert.throws(
    () => new mod.Controller({ transport, tls: { cert: "x", key: "y" } as never }),
    TypeError,
  );
});
