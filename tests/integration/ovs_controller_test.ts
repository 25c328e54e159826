// The Controller against a real Open vSwitch (dummy datapath), OpenFlow 1.0 and 1.3 each.
// Skipped by name where Open vSwitch is not installed; required under CI.
import assert from "node:assert/strict";
import { Controller, SwitchError } from "../../src/controller/mod.ts";
import { encode, of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { DataPlane, makeTestPki, OvsSwitch, simpleTcpPacket } from "../../src/testing/mod.ts";
import { peerTest } from "../_util/peers.ts";
import { rig } from "./_ovs_setup.ts";

type Msg<T extends OfpMessage["type"]> = Extract<OfpMessage, { type: T }>;
const V = [
  { name: "OpenFlow 1.0", protocols: ["OpenFlow10"] as const, version: 1 },
  { name: "OpenFlow 1.3", protocols: ["OpenFlow13"] as const, version: 4 },
];

/** A flow-mod adding `in_port=inPort → output:outPort` (version-specific builders). */
function forward(version: number, inPort: number, outPort: number, priority = 100) {
  return version === 4
    ? of13.flowMod({
      priority,
      match: of13.match({ in_port: inPort }),
      instructions: [of13.applyActions([of13.output(outPort)])],
    })
    : of10.flowMod({ priority, match: of10.match({ inPort }), actions: [of10.output(outPort)] });
}
const flowStats = (
  version: number,
) => (version === 4 ? of13.flowStatsRequest() : of10.flowStatsRequest());
const deleteAll = (
  version: number,
) => (version === 4 ? of13.flowDeleteAll() : of10.flowDeleteAll());
const flowsIn = (parts: OfpMessage[]) =>
  parts.flatMap((p) => (p as Msg<"MULTIPART_REPLY">).body as { entries: unknown[] }).flatMap((b) =>
    b.entries
  );

for (const v of V) {
  peerTest(
    `OVS ${v.name}: handshake, version, datapath id, echo with payload`,
    ["ovs"],
    async () => {
      await using r = await rig({ protocols: v.protocols, datapathId: 0xabcn });
      assert.equal(r.conn.version, v.version);
      assert.equal(r.conn.datapathId, 0xabcn);
      const reply = await r.conn.echo(new Uint8Array([1, 2, 3, 4]));
      assert.equal(reply.type, "ECHO_REPLY");
      assert.deepEqual((reply as { data: Uint8Array }).data, new Uint8Array([1, 2, 3, 4]));
    },
  );

  peerTest(
    `OVS ${v.name}: flow add → stats → delete → empty, ordered by barriers`,
    ["ovs"],
    async () => {
      await using r = await rig({ protocols: v.protocols });
      r.conn.send(forward(v.version, 1, 2));
      await r.conn.barrier();
      const flows = flowsIn(await r.conn.transactMultipart(flowStats(v.version))) as {
        priority: number;
      }[];
      assert.deepEqual(flows.map((f) => f.priority), [100]);
      r.conn.send(deleteAll(v.version));
      await r.conn.barrier();
      assert.deepEqual(flowsIn(await r.conn.transactMultipart(flowStats(v.version))), []);
    },
  );

  peerTest(`OVS ${v.name}: packet-out to port 2 leaves through port 2`, ["ovs"], async () => {
    await using r = await rig({ protocols: v.protocols, ports: 2 });
    await using dp = await DataPlane.open(r.ovs.bridge());
    const frame = simpleTcpPacket({ pktlen: 70 });
    r.conn.send(
      v.version === 4
        ? of13.packetOut({ actions: [of13.output(2)], data: frame })
        : of10.packetOut({ actions: [of10.output(2)], data: frame }),
    );
    await dp.verifyPacket(2, frame, 3000);
    await dp.verifyNoOtherPackets(100);
  });

  peerTest(
    `OVS ${v.name}: a frame into port 1 reaches the controller as a packet-in`,
    ["ovs"],
    async () => {
      await using r = await rig({ protocols: v.protocols, ports: 2 });
      await using dp = await DataPlane.open(r.ovs.bridge());
      const frame = simpleTcpPacket({ pktlen: 80 });
      if (v.version === 4) {
        // OpenFlow 1.3: a table miss drops until a table-miss flow sends to the controller.
        await dp.send(1, frame);
        assert.equal(
          await r.conn.poll("PACKET_IN", { timeout: 300 }),
          undefined,
          "no packet-in without a table-miss flow",
        );
        r.conn.send(
          of13.flowMod({
            priority: 0,
            instructions: [
              of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)]),
            ],
          }),
        );
        await r.conn.barrier();
        await r.ovs.purgeDatapathFlows();
      }
      await dp.send(1, frame);
      const pin = await r.conn.poll("PACKET_IN", { timeout: 3000 });
      assert.ok(pin, "packet-in arrived");
      if (pin.version === 4) {
        const m = pin as Msg<"PACKET_IN"> & { version: 4 };
        assert.deepEqual(m.match.find((t) => t.field === "in_port"), {
          field: "in_port",
          value: 1,
        });
      } else {
        assert.equal((pin as Msg<"PACKET_IN"> & { version: 1 }).inPort, 1);
      }
      assert.deepEqual((pin as { data: Uint8Array }).data, frame);
    },
  );

  peerTest(
    `OVS ${v.name}: a packet-out with a bad actions length fails its transaction with OFPBRC_BAD_LEN`,
    ["ovs"],
    async () => {
      await using r = await rig({ protocols: v.protocols });
      const good = encode(
        v.version === 4
          ? of13.packetOut({ xid: 0x77, actions: [of13.output(1)] })
          : of10.packetOut({ xid: 0x77, actions: [of10.output(1)] }),
      );
      // actions_len claims more bytes than the message has.
      const bad = good.slice();
      new DataView(bad.buffer).setUint16(v.version === 4 ? 16 : 14, 64);
      const err = await r.conn.transact(bad, { timeout: 3000 }).then(
        () => assert.fail("no error"),
        (e) => e,
      );
      assert.ok(err instanceof SwitchError, String(err));
      assert.equal(err.errType, 1);
      assert.equal(err.code, 6);
      assert.equal(err.codeName, "OFPBRC_BAD_LEN");
    },
  );

  peerTest(`OVS ${v.name}: 1,000 concurrent transactions are all answered`, ["ovs"], async () => {
    await using r = await rig({ protocols: v.protocols });
    const replies = await Promise.all(
      Array.from(
        { length: 1000 },
        (_, i) => r.conn.echo(new Uint8Array([i >> 8, i & 0xff]), { timeout: 10_000 }),
      ),
    );
    replies.forEach((m, i) =>
      assert.deepEqual((m as { data: Uint8Array }).data, new Uint8Array([i >> 8, i & 0xff]))
    );
  });

  peerTest(
    `OVS ${v.name}: a 2,000-flow dump spans several parts and arrives whole`,
    ["ovs"],
    async () => {
      await using r = await rig({ protocols: v.protocols });
      for (let i = 0; i < 2000; i++) {
        r.conn.send(
          v.version === 4
            ? of13.flowMod({
              priority: 1000 + i,
              match: of13.match({ eth_type: 0x0800, ipv4_dst: `10.${i >> 8}.${i & 0xff}.1` }),
            })
            : of10.flowMod({
              priority: 1000 + i,
              match: of10.match({ dlType: 0x0800, nwDst: `10.${i >> 8}.${i & 0xff}.1` }),
            }),
        );
      }
      await r.conn.barrier({ timeout: 20_000 });
      const parts = await r.conn.transactMultipart(flowStats(v.version), { timeout: 10_000 });
      assert.ok(parts.length > 1, `one part only (${parts.length})`);
      const priorities = new Set((flowsIn(parts) as { priority: number }[]).map((f) => f.priority));
      assert.equal(priorities.size, 2000);
    },
  );
}

peerTest("OVS: both versions offered, 1.3 is negotiated", ["ovs"], async () => {
  await using r = await rig({ protocols: ["OpenFlow10", "OpenFlow13"] });
  assert.equal(r.conn.version, 4);
});

peerTest("OVS: the Controller dials an Open vSwitch that listens (ptcp)", ["ovs"], async () => {
  await using ovs = await OvsSwitch.start({ bridges: [{ datapathId: 0x55n }] });
  // Find a free port by listening on 0, then hand it to OVS.
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (probe.addr as Deno.NetAddr).port;
  probe.close();
  await ovs.setController("br0", `ptcp:${port}:127.0.0.1`);
  await using controller = new Controller({
    switch: { hostname: "127.0.0.1", port },
    retry: { initialDelay: 50, maxDelay: 500 },
  });
  const conn = await controller.connect({ timeout: 10_000 });
  assert.equal(conn.datapathId, 0x55n);
  await conn.barrier();
});

peerTest("OVS: two bridges on one Controller, two datapath ids", ["ovs"], async () => {
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  const target = `tcp:127.0.0.1:${port}`;
  await using _ovs = await OvsSwitch.start({
    bridges: [{ name: "br0", datapathId: 0x1n, controller: target }, {
      name: "br1",
      datapathId: 0x2n,
      controller: target,
    }],
  });
  const [a, b] = await Promise.all([
    controller.waitForSwitch(0x1n, { timeout: 10_000 }),
    controller.waitForSwitch(0x2n, { timeout: 10_000 }),
  ]);
  assert.notEqual(a, b);
  await Promise.all([a.barrier(), b.barrier()]);
});

peerTest(
  "OVS: after a restart the same datapath id reconnects and is recognised",
  ["ovs"],
  async () => {
    await using r = await rig({ datapathId: 0x77n });
    const first = r.conn;
    await r.ovs.restart();
    await first.closed;
    const again = await r.controller.waitForSwitch(0x77n, { timeout: 15_000 });
    assert.notEqual(again, first);
    await again.barrier();
  },
);

peerTest("OVS: TLS both ways, with mutual authentication", ["ovs", "openssl"], async () => {
  await using pki = await makeTestPki();
  const tls = { cert: pki.controller.cert, key: pki.controller.key, ca: pki.ca.cert };
  const ssl = {
    privateKey: pki.switch.keyFile,
    certificate: pki.switch.certFile,
    caCertificate: pki.ca.certFile,
  };
  {
    await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 }, tls });
    const [{ port }] = await controller.listening;
    await using _ovs = await OvsSwitch.start({
      ssl,
      bridges: [{ datapathId: 0x5n, controller: `ssl:127.0.0.1:${port}` }],
    });
    const conn = await controller.connect({ timeout: 15_000 });
    assert.equal(conn.datapathId, 0x5n);
    assert.equal(conn.tls, true);
    await conn.barrier();
  }
  {
    await using ovs = await OvsSwitch.start({ ssl, bridges: [{ datapathId: 0x6n }] });
    const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (free.addr as Deno.NetAddr).port;
    free.close();
    await ovs.setController("br0", `pssl:${port}:127.0.0.1`);
    await using controller = new Controller({
      switch: { hostname: "127.0.0.1", port },
      tls,
      retry: { initialDelay: 50, maxDelay: 500 },
    });
    const conn = await controller.connect({ timeout: 15_000 });
    assert.equal(conn.datapathId, 0x6n);
    await conn.barrier();
  }
});

peerTest(
  "OVS: an idle connection survives Open vSwitch's inactivity probe (12 s)",
  ["ovs"],
  async () => {
    await using r = await rig();
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    assert.equal(r.conn.isClosed, false);
    await r.conn.barrier();
    assert.ok(r.conn.counters.received >= 3, "the probe's ECHO_REQUEST was received and answered");
  },
);
