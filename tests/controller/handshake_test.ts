// Handshake logic against an in-memory peer: version negotiation, HELLO_FAILED, FEATURES.
import assert from "node:assert/strict";
import { ConnectionClosedError, Controller, HandshakeError } from "../../src/controller/mod.ts";
import { MemoryTransport } from "../../src/testing/mod.ts";
import { decode, helloVersions } from "../../src/ofp/mod.ts";
import * as F from "./_frames.ts";
import { ready } from "./_setup.ts";

Deno.test("handshake: HELLO carries a version bitmap of the configured versions", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport, versions: [4, 1] });
  const peer = transport.connect();
  const hello = decode((await peer.read())!);
  assert.equal(hello.type, "HELLO");
  assert.equal(hello.version, 4, "header version is our highest");
  assert.deepEqual(hello.type === "HELLO" && helloVersions(hello), [1, 4]);
  assert.equal(controller.switches.length, 0, "not ready before the switch's HELLO");
});

Deno.test("handshake: the highest common version of two bitmaps wins", async (t) => {
  for (
    const [theirs, ours, expected] of [
      [[1, 4], [1, 4], 4],
      [[1], [1, 4], 1],
      [[1, 4, 5], [1, 4], 4],
      [[1, 4], [1], 1],
    ] as const
  ) {
    await t.step(`switch ${theirs}, controller ${ours} -> ${expected}`, async () => {
      const transport = new MemoryTransport();
      await using controller = new Controller({ transport, versions: [...ours], features: false });
      const peer = transport.connect();
      peer.write(F.hello(theirs[theirs.length - 1], 1, [...theirs]));
      const conn = await controller.connect({ timeout: 1000 });
      assert.equal(conn.version, expected);
    });
  }
});

Deno.test("handshake: without a bitmap, min(header version, our highest) if we support it", async (t) => {
  for (const [header, expected] of [[4, 4], [6, 4], [1, 1]] as const) {
    await t.step(`header ${header} -> ${expected}`, async () => {
      const transport = new MemoryTransport();
      await using controller = new Controller({ transport, features: false });
      const peer = transport.connect();
      peer.write(F.hello(header, 1));
      assert.equal((await controller.connect({ timeout: 1000 })).version, expected);
    });
  }
});

Deno.test("handshake: no common version sends HELLO_FAILED and fails with HandshakeError", async (t) => {
  await t.step(
    "bitmap without our versions: error in the switch's version if we have it",
    async () => {
      const transport = new MemoryTransport();
      await using controller = new Controller({ transport, versions: [4] });
      const peer = transport.connect();
      await peer.read(); // our HELLO
      peer.write(F.hello(1, 33, [1]));
      const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
      assert.ok(err instanceof HandshakeError);
      assert.equal(err.reason, "no-common-version");
      assert.deepEqual(err.ours, [4]);
      assert.deepEqual(err.theirs, [1]);
      const frame = (await peer.read())!;
      assert.equal(frame[0], 4, "1 is not ours: encoded in our lowest version");
      assert.equal(frame[1], 1, "OFPT_ERROR");
      const v = new DataView(frame.buffer);
      assert.equal(v.getUint32(4), 33, "xid of the switch's HELLO");
      assert.equal(v.getUint16(8), 0, "OFPET_HELLO_FAILED");
      assert.equal(v.getUint16(10), 0, "OFPHFC_INCOMPATIBLE");
      assert.match(
        new TextDecoder().decode(frame.subarray(12)),
        /we support 1\.3, you offered 1\.0/,
      );
      await peer.closed;
      assert.equal(controller.switches.length, 0);
    },
  );
  await t.step(
    "bitmap offering only 5 in a 1.3 header: error in 1.3, the switch's version",
    async () => {
      const transport = new MemoryTransport();
      await using controller = new Controller({ transport, versions: [1, 4] });
      const peer = transport.connect();
      await peer.read();
      peer.write(F.hello(4, 2, [5]));
      const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
      assert.ok(err instanceof HandshakeError);
      assert.deepEqual(err.theirs, [5]);
      const frame = (await peer.read())!;
      assert.deepEqual([frame[0], frame[1]], [4, 1]);
    },
  );
  await t.step("a 1.0 HELLO without bitmap to a 1.3-only controller fails", async () => {
    const transport = new MemoryTransport();
    await using controller = new Controller({ transport, versions: [4] });
    const peer = transport.connect();
    await peer.read();
    peer.write(F.hello(1, 3));
    const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
    assert.ok(err instanceof HandshakeError);
    assert.deepEqual(err.theirs, [1]);
    const frame = (await peer.read())!;
    assert.deepEqual([frame[0], frame[1]], [4, 1]);
    assert.equal(controller.counters.received, 1);
  });
});

Deno.test("handshake: a first message other than HELLO fails the handshake", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport });
  const peer = transport.connect();
  peer.write(F.frame(4, 2, 1)); // ECHO_REQUEST
  const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
  assert.ok(err instanceof HandshakeError);
  assert.equal(err.reason, "unexpected-message");
  assert.match(err.message, /Expected HELLO as the switch's first message, got type 2/);
  await peer.closed;
});

Deno.test("handshake: FEATURES_REPLY gives the datapath id; waitForSwitch finds it", async () => {
  await using r = await ready({}, 4, 0x00000000cafe0001n);
  assert.equal(r.conn.datapathId, 0xcafe0001n);
  assert.equal(r.conn.state, "ready");
  assert.ok(r.conn.features);
  assert.equal((await r.controller.waitForSwitch(0xcafe0001n)).id, r.conn.id);
});

Deno.test("handshake: OpenFlow 1.0 features and barrier use 1.0 type numbers", async () => {
  await using r = await ready({ versions: [1] }, 1, 9n);
  assert.equal(r.conn.version, 1);
  assert.equal(r.conn.datapathId, 9n);
  const p = r.conn.barrier();
  const req = (await r.peer.read())!;
  assert.deepEqual([req[0], req[1]], [1, 18]);
  r.peer.write(F.frame(1, 19, F.xidOf(req)));
  const reply = await p;
  assert.equal(reply.xid, F.xidOf(req));
});

Deno.test("handshake: initialHello false sends HELLO and FEATURES_REQUEST in one write", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport, initialHello: false });
  const peer = transport.connect();
  assert.equal(await peer.read(1), undefined, "nothing before the switch's HELLO");
  const before = controller.counters.bytesOut;
  peer.write(F.hello(4, 1, [4]));
  const hello = (await peer.read())!;
  const req = (await peer.read())!;
  assert.deepEqual([hello[1], req[1]], [0, 5]);
  assert.equal(controller.counters.bytesOut - before, hello.length + req.length);
  peer.write(F.featuresReply(4, F.xidOf(req), 3n));
  assert.equal((await controller.connect()).datapathId, 3n);
});

Deno.test("handshake: an error answering FEATURES_REQUEST fails the handshake", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport });
  const peer = transport.connect();
  peer.write(F.hello(4, 1, [4]));
  await peer.read();
  const req = (await peer.read())!;
  peer.write(F.error(4, F.xidOf(req), 1, 1));
  const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
  assert.ok(err instanceof HandshakeError);
  assert.equal(err.reason, "features-failed");
  assert.equal((err.cause as { code: number }).code, 1);
});

Deno.test("handshake: a switch that never answers times out (handshakeTimeout)", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport, handshakeTimeout: 30 });
  const peer = transport.connect();
  peer.write(F.hello(4, 1, [4]));
  const err = await controller.connect({ timeout: 1000 }).catch((e) => e);
  assert.ok(err instanceof HandshakeError);
  assert.equal(err.reason, "timeout");
  assert.match(err.message, /Expected FEATURES_REPLY within 30 ms, got none/);
  await peer.closed;
});

Deno.test("handshake: connect() times out with WaitTimeoutError when no switch comes", async () => {
  await using controller = new Controller({ transport: new MemoryTransport() });
  const err = await controller.connect({ timeout: 10 }).catch((e) => e);
  assert.equal(err.name, "WaitTimeoutError");
  assert.throws(() => controller.send(F.frame(4, 2, 1)), ConnectionClosedError);
});

Deno.test("handshake: a HELLO's body is ignored as the spec says (Open vSwitch's ofp-print cases)", async (t) => {
  const hex = (text: string) =>
    Uint8Array.from(text.replace(/\s+/g, "").match(/../g)!, (h) => parseInt(h, 16));
  for (
    const [name, wire, version] of [
      ["OpenFlow 1.0 with extra data", "0100001300000000657874726120646174610a", 1],
      ["OpenFlow 1.3, a bitmap, then 3 stray bytes", "0400001300000000000100080000001261 62 63", 4],
      [
        "an unknown element, a bitmap of 4-7, stray bytes",
        "0100001b00000000ffff000601020000000100080000 00f0616263",
        4,
      ],
    ] as const
  ) {
    await t.step(name, async () => {
      const transport = new MemoryTransport();
      await using controller = new Controller({ transport });
      const peer = transport.connect();
      await peer.read(); // our HELLO
      peer.write(hex(wire));
      const req = (await peer.read())!;
      assert.deepEqual(
        [req[0], req[1]],
        [version, 5],
        "FEATURES_REQUEST in the negotiated version",
      );
      peer.write(F.featuresReply(version, F.xidOf(req), 5n));
      const conn = await controller.connect({ timeout: 1000 });
      assert.equal(conn.version, version);
      assert.equal(conn.datapathId, 5n);
    });
  }
});
