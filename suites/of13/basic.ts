// OpenFlow 1.3 basics: the control channel answers (echo, features, configuration, async
// configuration), the default state drops, and OUTPUT reaches exactly the ports it names,
// including the reserved ports ALL, FLOOD and IN_PORT (1.3.5 §4.5, §7.2.5).
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13AsyncConfig, Of13FeaturesReply, Of13SwitchConfig } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4, tcp6, udp4 } from "../_frames.ts";
import { flow, to, withAsync } from "./_util.ts";

const group = "basic";

switchTest("echo carries its payload back", { version: 4, group }, async (t) => {
  const data = new TextEncoder().encode("oftest echo payload");
  const reply = await t.conn.echo(data);
  assert.equal(reply.type, "ECHO_REPLY");
  assert.deepEqual((reply as { data: Uint8Array }).data, data);
});

switchTest("echo without a payload", { version: 4, group }, async (t) => {
  const reply = await t.conn.transact(of13.echoRequest());
  assert.equal(reply.type, "ECHO_REPLY");
  assert.equal((reply as { data: Uint8Array }).data.length, 0);
});

switchTest("features reply names the datapath and its tables", { version: 4, group }, async (t) => {
  const reply = await t.conn.transact(of13.featuresRequest());
  assert.equal(reply.type, "FEATURES_REPLY");
  const f = reply as Of13FeaturesReply;
  assert.equal(f.datapathId, t.conn.datapathId);
  assert.ok(f.nTables >= 1, `n_tables: expected at least 1, got ${f.nTables}`);
  assert.equal(f.auxiliaryId, 0, "the main connection has auxiliary id 0");
});

switchTest(
  "SET_CONFIG's miss_send_len is reported by GET_CONFIG",
  { version: 4, group },
  async (t) => {
    await t.install(of13.setConfig(of13.OFPC_FRAG.NORMAL, 200));
    const reply = await t.conn.transact(of13.getConfigRequest());
    assert.equal(reply.type, "GET_CONFIG_REPLY");
    assert.equal((reply as Of13SwitchConfig).missSendLen, 200);
    assert.equal((reply as Of13SwitchConfig).flags & of13.OFPC_FRAG.MASK, of13.OFPC_FRAG.NORMAL);
  },
);

switchTest("GET_ASYNC reports the default masks of the spec", { version: 4, group }, async (t) => {
  const reply = await t.conn.transact(of13.getAsyncRequest());
  assert.equal(reply.type, "GET_ASYNC_REPLY");
  const got = reply as Of13AsyncConfig, expected = of13.getAsyncReply();
  assert.deepEqual(got.packetInMask, expected.packetInMask, "packet-in masks");
  assert.deepEqual(got.portStatusMask, expected.portStatusMask, "port status masks");
  assert.deepEqual(got.flowRemovedMask, expected.flowRemovedMask, "flow removed masks");
});

switchTest("SET_ASYNC masks are reported back by GET_ASYNC", { version: 4, group }, async (t) => {
  const masks = {
    packetInMask: [1 << of13.OFPR.ACTION, 1 << of13.OFPR.NO_MATCH] as [number, number],
    portStatusMask: [1 << of13.OFPPR.MODIFY, 0] as [number, number],
    flowRemovedMask: [1 << of13.OFPRR.DELETE, 1 << of13.OFPRR.IDLE_TIMEOUT] as [number, number],
  };
  await withAsync(t, masks, async () => {
    const reply = await t.conn.transact(of13.getAsyncRequest()) as Of13AsyncConfig;
    assert.deepEqual(
      [reply.packetInMask, reply.portStatusMask, reply.flowRemovedMask],
      [masks.packetInMask, masks.portStatusMask, masks.flowRemovedMask],
    );
  });
});

switchTest("with no flows a frame is dropped, and no packet-in is sent", {
  version: 4,
  group,
  ports: 2,
}, async (t) => {
  const frame = tcp4();
  await t.send(t.ports[0], frame);
  await t.verifyPackets(frame, []);
  await t.verifyNoPacketIn();
});

switchTest("a flow without actions drops", { version: 4, group, ports: 2 }, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ in_port: a }, []));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest("output to one port, on an exact match", { version: 4, group, ports: 2 }, async (t) => {
  const [a, b] = t.ports;
  const frame = tcp4();
  await t.install(flow({
    in_port: a,
    eth_dst: "00:01:02:03:04:05",
    eth_src: "00:06:07:08:09:0a",
    eth_type: 0x0800,
    ip_proto: 6,
    ipv4_src: "192.168.0.1",
    ipv4_dst: "192.168.0.2",
    tcp_src: 1234,
    tcp_dst: 80,
  }, to(b)));
  await t.send(a, frame);
  await t.verifyPackets(frame, [b]);
});

switchTest("output on an all-wildcard match, from every other port", {
  version: 4,
  group,
  ports: 3,
}, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({}, to(b)));
  for (const f of [tcp4(), arp(), tcp6()]) {
    await t.send(a, f);
    await t.verifyPackets(f, [b]);
    await t.send(c, f);
    await t.verifyPackets(f, [b]);
  }
});

switchTest("output to the ingress port by number is not done (use IN_PORT)", {
  version: 4,
  group,
  ports: 2,
}, async (t) => {
  const [, b] = t.ports;
  await t.install(flow({}, to(b)));
  await t.send(b, udp4());
  await t.verifyPackets(udp4(), []);
});

switchTest("output to several ports", { version: 4, group, ports: 4 }, async (t) => {
  const [a, b, c, d] = t.ports;
  await t.install(flow({ in_port: a }, to(b, c, d)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b, c, d]);
});

switchTest(
  "output twice to one port sends two copies",
  { version: 4, group, ports: 2 },
  async (t) => {
    const [a, b] = t.ports;
    await t.install(flow({ in_port: a }, to(b, b)));
    await t.send(a, tcp4());
    await t.verifyPacket(tcp4(), b);
    await t.verifyPacket(tcp4(), b);
    await t.verifyNoOtherPackets();
  },
);

switchTest(
  "output ALL: every port but the ingress port",
  { version: 4, group, ports: 4 },
  async (t) => {
    const [a] = t.ports;
    await t.install(flow({ in_port: a }, to(of13.OFPP.ALL)));
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), t.ports.filter((p) => p !== a));
  },
);

switchTest(
  "output FLOOD: every port but the ingress port",
  { version: 4, group, ports: 4 },
  async (t) => {
    const [, b] = t.ports;
    await t.install(flow({ in_port: b }, to(of13.OFPP.FLOOD)));
    await t.send(b, arp());
    await t.verifyPackets(arp(), t.ports.filter((p) => p !== b));
  },
);

switchTest(
  "output IN_PORT: back out of the ingress port only",
  { version: 4, group, ports: 3 },
  async (t) => {
    const [a, b] = t.ports;
    await t.install(flow({}, to(of13.OFPP.IN_PORT)));
    await t.send(b, tcp4());
    await t.verifyPackets(tcp4(), [b]);
    await t.send(a, tcp6());
    await t.verifyPackets(tcp6(), [a]);
  },
);

switchTest("output IN_PORT and another port", { version: 4, group, ports: 3 }, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(of13.OFPP.IN_PORT, b)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [a, b]);
});

switchTest(
  "the higher-priority of two overlapping flows wins",
  { version: 4, group, ports: 3 },
  async (t) => {
    const [a, b, c] = t.ports;
    await t.install(
      flow({ in_port: a }, to(b), { priority: 100 }),
      flow({ in_port: a, eth_type: 0x0800 }, to(c), { priority: 200 }),
    );
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [c]);
    await t.send(a, tcp6());
    await t.verifyPackets(tcp6(), [b]);
    await t.install(flow({ in_port: a }, to(b), { priority: 300 }));
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b]);
  },
);
