// The reference switch's control channel, driven by our Controller: HELLO and version
// negotiation, features, echo, config, barrier, errors for what it refuses, dialing and
// listening, TCP and TLS.
import assert from "node:assert/strict";
import { Controller, HandshakeError, SwitchError } from "../../src/controller/mod.ts";
import { decode, encode, of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { ReferenceSwitch } from "../../src/switch/mod.ts";
import { makeTestPki } from "../../src/testing/mod.ts";
import { peerTest } from "../_util/peers.ts";
import { rig } from "./_rig.ts";
import type { Of13Action } from "../../src/ofp/mod.ts";

type Msg<T extends OfpMessage["type"]> = Extract<OfpMessage, { type: T }>;

Deno.test("switch: OpenFlow 1.3 handshake, features, echo with payload, barrier", async () => {
  await using r = await rig({ datapathId: 0xabcn, ports: 3 }, { versions: [4] });
  assert.equal(r.conn.version, 4);
  assert.equal(r.conn.datapathId, 0xabcn);
  const f = r.conn.features as Msg<"FEATURES_REPLY"> & { version: 4 };
  assert.equal(f.nTables, 254);
  assert.equal(f.nBuffers, 256);
  assert.equal(f.capabilities & of13.OFPC.FLOW_STATS, of13.OFPC.FLOW_STATS);
  const echo = await r.conn.echo(new Uint8Array([9, 8, 7]));
  assert.deepEqual((echo as { data: Uint8Array }).data, new Uint8Array([9, 8, 7]));
  const barrier = await r.conn.barrier();
  assert.equal(barrier.type, "BARRIER_REPLY");
  const ch = await r.sw.channel();
  assert.equal(ch.version, 4);
  assert.equal(ch.state, "ready");
});

Deno.test("switch: OpenFlow 1.0 handshake lists the ports in FEATURES_REPLY", async () => {
  await using r = await rig({ ports: [1, 2, 7] }, { versions: [1] });
  assert.equal(r.conn.version, 1);
  const f = r.conn.features as Msg<"FEATURES_REPLY"> & { version: 1 };
  assert.deepEqual(f.ports.map((p) => p.portNo), [1, 2, 7]);
  assert.deepEqual(f.ports.map((p) => p.name), ["p1", "p2", "p7"]);
  assert.equal(f.nTables, 1);
  assert.equal(f.actions, (1 << 12) - 1);
});

Deno.test("switch: negotiation picks the highest common version from the bitmaps", async () => {
  await using both = await rig({ versions: [1, 4] }, { versions: [1, 4] });
  assert.equal(both.conn.version, 4);
  const hello = both.conn.peerHello as Msg<"HELLO">;
  assert.equal(hello.version, 4);
  assert.deepEqual(hello.elements, [{ type: "VERSIONBITMAP", bitmaps: [0x12] }]);
  await using only10 = await rig({ versions: [1, 4] }, { versions: [1] });
  assert.equal(only10.conn.version, 1);
});

Deno.test("switch: no common version → HELLO_FAILED/INCOMPATIBLE with a text, then close", async () => {
  await using sw = await ReferenceSwitch.start({ listen: "ptcp:0", versions: [1] });
  const [{ port }] = sw.addresses;
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(
      encode({
        version: 4,
        type: "HELLO",
        xid: 3,
        elements: [{ type: "VERSIONBITMAP", bitmaps: [0x10] }],
      }),
    );
    const got: Uint8Array[] = [];
    const buf = new Uint8Array(4096);
    let bytes = new Uint8Array(0);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) break;
      bytes = new Uint8Array([...bytes, ...buf.subarray(0, n)]);
    }
    for (let at = 0; at < bytes.length;) {
      const len = (bytes[at + 2] << 8) | bytes[at + 3];
      got.push(bytes.subarray(at, at + len));
      at += len;
    }
    assert.equal(got.length, 2, "HELLO then ERROR, then the switch closed");
    assert.equal(decode(got[0]).type, "HELLO");
    const err = decode(got[1]) as Msg<"ERROR">;
    assert.equal(err.type, "ERROR");
    assert.equal(err.errType, 0);
    assert.equal(err.code, 0);
    assert.equal(err.xid, 3);
    assert.match(new TextDecoder().decode(err.data), /Incompatible versions/);
  } finally {
    conn.close();
  }
  // The Controller sees the same refusal as a failed handshake.
  await using controller = new Controller({
    switch: { hostname: "127.0.0.1", port },
    versions: [4],
    retry: { attempts: 1 },
  });
  await assert.rejects(controller.connect({ timeout: 3000 }), HandshakeError);
});

Deno.test("switch: GET_CONFIG defaults to miss_send_len 128; SET_CONFIG changes it", async () => {
  for (const version of [1, 4] as const) {
    await using r = await rig({}, { versions: [version] });
    const req = version === 4 ? of13.getConfigRequest() : of10.getConfigRequest();
    const before = (await r.conn.transact(req)) as { missSendLen: number };
    assert.equal(before.missSendLen, 128);
    r.conn.send(version === 4 ? of13.setConfig(0, 200) : of10.setConfig(0, 200));
    const after = (await r.conn.transact(req)) as { missSendLen: number };
    assert.equal(after.missSendLen, 200);
  }
});

Deno.test("switch: refuses what it must, with the spec's type and code", async (t) => {
  await using r = await rig({}, { versions: [4] });
  const refused = async (msg: OfpMessage | Uint8Array) => {
    const e = await r.conn.transact(msg).then(() => assert.fail("no error"), (e) => e);
    assert.ok(e instanceof SwitchError, String(e));
    return e.codeName;
  };
  await t.step("an unknown message type: OFPBRC_BAD_TYPE", async () => {
    assert.equal(
      await refused({ version: 4, type: "RAW", xid: 0, msgType: 99, body: new Uint8Array(0) }),
      "OFPBRC_BAD_TYPE",
    );
  });
  await t.step("a message a switch sends (PACKET_IN): OFPBRC_BAD_TYPE", async () => {
    assert.equal(await refused(of13.packetIn()), "OFPBRC_BAD_TYPE");
  });
  await t.step("another version than negotiated: OFPBRC_BAD_VERSION", async () => {
    assert.equal(await refused(new Uint8Array([1, 18, 0, 8, 0, 0, 0, 0])), "OFPBRC_BAD_VERSION");
  });
  await t.step("an experimenter message: OFPBRC_BAD_EXPERIMENTER", async () => {
    assert.equal(await refused(of13.experimenterMessage(0x2320, 1)), "OFPBRC_BAD_EXPERIMENTER");
  });
  await t.step("a packet-out whose actions_len overruns: OFPBRC_BAD_LEN", async () => {
    const bad = encode(of13.packetOut({ actions: [of13.output(1)] })).slice();
    new DataView(bad.buffer).setUint16(16, 64);
    assert.equal(await refused(bad), "OFPBRC_BAD_LEN");
  });
  await t.step("a match of the wrong type: OFPBMC_BAD_TYPE", async () => {
    const fm = encode(of13.flowMod({ match: of13.match({ in_port: 1 }) })).slice();
    new DataView(fm.buffer).setUint16(48, 0); // ofp_match.type = OFPMT_STANDARD
    assert.equal(await refused(fm), "OFPBMC_BAD_TYPE");
  });
  // An action of the wrong length is the action's fault, in a flow's instruction as in a
  // group's bucket (1.3.5 §7.4.4: OFPBAC_BAD_LEN); a wrong instruction length is the
  // instruction's (OFPBIC_BAD_LEN).
  const shortOutput = { type: "UNKNOWN", actionType: of13.OFPAT.OUTPUT, data: new Uint8Array(4) };
  await t.step("an 8-byte OUTPUT in an apply-actions instruction: OFPBAC_BAD_LEN", async () => {
    const fm = of13.flowMod({
      instructions: [of13.applyActions([shortOutput as Of13Action])],
    });
    assert.equal(await refused(fm), "OFPBAC_BAD_LEN");
  });
  await t.step("an 8-byte OUTPUT in a group's bucket: OFPBAC_BAD_LEN", async () => {
    const gm = of13.groupMod({
      groupId: 1,
      buckets: [of13.bucket({ actions: [shortOutput as Of13Action] })],
    });
    assert.equal(await refused(gm), "OFPBAC_BAD_LEN");
  });
  await t.step("a GOTO_TABLE instruction of 16 bytes: OFPBIC_BAD_LEN", async () => {
    const fm = encode(of13.flowMod({ instructions: [of13.gotoTable(1), of13.clearActions()] }))
      .slice();
    const at = fm.length - 16; // GOTO_TABLE (8 bytes), then CLEAR_ACTIONS (8 bytes)
    assert.equal(new DataView(fm.buffer).getUint16(at), 1);
    new DataView(fm.buffer).setUint16(at + 2, 16);
    assert.equal(await refused(fm), "OFPBIC_BAD_LEN");
  });
  await t.step("IP reassembly in SET_CONFIG: OFPSCFC_BAD_FLAGS", async () => {
    assert.equal(await refused(of13.setConfig(of13.OFPC_FRAG.REASM)), "OFPSCFC_BAD_FLAGS");
  });
  await t.step("the connection still works after refusals", async () => {
    assert.equal((await r.conn.barrier()).type, "BARRIER_REPLY");
  });
});

Deno.test("switch: listens, and a dialing Controller completes the handshake", async () => {
  await using sw = await ReferenceSwitch.start({
    listen: { hostname: "127.0.0.1", port: 0 },
    datapathId: 7n,
  });
  const [address] = sw.addresses;
  await using controller = new Controller({ switch: address, versions: [4] });
  const conn = await controller.connect({ timeout: 5000 });
  assert.equal(conn.datapathId, 7n);
  assert.equal((await conn.barrier()).type, "BARRIER_REPLY");
});

Deno.test("switch: redials a controller that starts after it", async () => {
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  await using sw = await ReferenceSwitch.start({
    controller: `tcp:127.0.0.1:${port}`,
    retry: { initialDelay: 20, maxDelay: 50 },
  });
  await new Promise((r) => setTimeout(r, 120));
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port } });
  const conn = await controller.connect({ timeout: 5000 });
  assert.equal(conn.datapathId, sw.datapathId);
});

peerTest("switch: mutual TLS, dialing and listening", ["openssl"], async () => {
  await using pki = await makeTestPki();
  const switchTls = { cert: pki.switch.cert, key: pki.switch.key, ca: pki.ca.cert };
  const controllerTls = { cert: pki.controller.cert, key: pki.controller.key, ca: pki.ca.cert };
  {
    await using controller = new Controller({
      listen: { hostname: "127.0.0.1", port: 0 },
      tls: controllerTls,
    });
    const [{ port }] = await controller.listening;
    await using sw = await ReferenceSwitch.start({
      controller: `ssl:127.0.0.1:${port}`,
      tls: switchTls,
    });
    const conn = await controller.connect({ timeout: 5000 });
    assert.equal(conn.tls, true);
    assert.equal(conn.datapathId, sw.datapathId);
    assert.equal((await sw.channel()).tls, true);
  }
  {
    await using sw = await ReferenceSwitch.start({ listen: "pssl:0", tls: switchTls });
    await using controller = new Controller({ switch: sw.addresses[0], tls: controllerTls });
    const conn = await controller.connect({ timeout: 5000 });
    assert.equal(conn.tls, true);
    assert.equal((await conn.echo(new Uint8Array([1]))).type, "ECHO_REPLY");
  }
});
