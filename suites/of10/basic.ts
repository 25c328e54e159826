// OpenFlow 1.0 basics (1.0.0 §4, §5.3): echo, features, configuration, packet-in on a table
// miss (the 1.0 default) with miss_send_len, OUTPUT to ports and to the reserved ports,
// priorities (exact-match entries above every wildcard entry), and PACKET_OUT.
import assert from "node:assert/strict";
import { of10 } from "../../src/ofp/mod.ts";
import type { Of10FeaturesReply, Of10PacketIn, Of10SwitchConfig } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4, tcp6, udp4 } from "../_frames.ts";
import { flow, to } from "./_util.ts";

const group = "basic";
const opts = { version: 1, group, ports: 3 } as const;
const { OFPP } = of10;

switchTest("echo carries its payload back", opts, async (t) => {
  const data = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);
  const reply = await t.conn.transact(of10.echoRequest(data));
  assert.equal(reply.type, "ECHO_REPLY");
  assert.deepEqual((reply as { data: Uint8Array }).data, data);
});

switchTest(
  "features reply: datapath, tables, the data ports, OUTPUT among the actions",
  opts,
  async (t) => {
    const f = await t.conn.transact(of10.featuresRequest()) as Of10FeaturesReply;
    assert.equal(f.type, "FEATURES_REPLY");
    assert.equal(f.datapathId, t.conn.datapathId);
    assert.ok(f.nTables >= 1);
    assert.ok(f.actions & (1 << of10.OFPAT.OUTPUT), "OUTPUT is supported");
    const numbers = f.ports.map((p) => p.portNo);
    for (const p of t.ports) assert.ok(numbers.includes(p), `port ${p} is listed`);
  },
);

switchTest("SET_CONFIG's miss_send_len is reported by GET_CONFIG", opts, async (t) => {
  await t.install(of10.setConfig(of10.OFPC_FRAG.NORMAL, 333));
  const reply = await t.conn.transact(of10.getConfigRequest()) as Of10SwitchConfig;
  assert.equal(reply.type, "GET_CONFIG_REPLY");
  assert.equal(reply.missSendLen, 333);
});

switchTest(
  "a table miss sends a packet-in: reason NO_MATCH, in_port, whole frame",
  opts,
  async (t) => {
    const [, b] = t.ports;
    const frame = tcp4();
    await t.send(b, frame);
    const pin = await t.verifyPacketIn({
      frame,
      dataMatch: "whole",
      inPort: b,
      reason: of10.OFPR.NO_MATCH,
    });
    assert.equal((pin as Of10PacketIn).totalLen, frame.length);
    await t.verifyPackets(frame, []);
  },
);

switchTest("miss_send_len limits the data of a table-miss packet-in", opts, async (t) => {
  const [a] = t.ports;
  await t.install(of10.setConfig(of10.OFPC_FRAG.NORMAL, 40));
  const frame = tcp4();
  await t.send(a, frame);
  const pin = await t.verifyPacketIn({ inPort: a, reason: of10.OFPR.NO_MATCH }) as Of10PacketIn;
  assert.equal(pin.totalLen, frame.length, "total_len is the frame's");
  if (pin.bufferId === of10.OFP_NO_BUFFER) {
    assert.deepEqual(pin.data, frame, "an unbuffered packet-in carries the whole frame");
  } else {
    assert.deepEqual(
      pin.data,
      frame.subarray(0, 40),
      "a buffered packet-in carries miss_send_len bytes",
    );
  }
});

switchTest("output CONTROLLER: packet-in reason ACTION", opts, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ inPort: a }, [of10.output(OFPP.CONTROLLER, 0xffff)]));
  await t.send(a, udp4());
  await t.verifyPacketIn({
    frame: udp4(),
    dataMatch: "whole",
    inPort: a,
    reason: of10.OFPR.ACTION,
  });
});

switchTest("a flow without actions drops, with no packet-in", opts, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ inPort: a }, []));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest("output to one port", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: a }, to(b)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("output on an all-wildcard match, from every other port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({}, to(b)));
  for (const f of [tcp4(), arp(), tcp6()]) {
    await t.send(a, f);
    await t.verifyPackets(f, [b]);
    await t.send(c, f);
    await t.verifyPackets(f, [b]);
  }
});

switchTest("output to several ports", { ...opts, ports: 4 }, async (t) => {
  const [a, b, c, d] = t.ports;
  await t.install(flow({ inPort: a }, to(b, c, d)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b, c, d]);
});

switchTest("output ALL: every port but the ingress port", { ...opts, ports: 4 }, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ inPort: a }, to(OFPP.ALL)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), t.ports.filter((p) => p !== a));
});

switchTest("output FLOOD: every port but the ingress port", { ...opts, ports: 4 }, async (t) => {
  const [, b] = t.ports;
  await t.install(flow({ inPort: b }, to(OFPP.FLOOD)));
  await t.send(b, arp());
  await t.verifyPackets(arp(), t.ports.filter((p) => p !== b));
});

switchTest("output IN_PORT: back out of the ingress port", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({}, to(OFPP.IN_PORT)));
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), [b]);
  await t.send(a, udp4());
  await t.verifyPackets(udp4(), [a]);
});

switchTest("output to the ingress port by number is not done", opts, async (t) => {
  const [, b] = t.ports;
  await t.install(flow({}, to(b)));
  await t.send(b, udp4());
  await t.verifyPackets(udp4(), []);
});

switchTest("the higher-priority of two wildcard flows wins", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ inPort: a }, to(b), { priority: 100 }),
    flow({ inPort: a, dlType: 0x0800 }, to(c), { priority: 200 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
  await t.send(a, tcp6());
  await t.verifyPackets(tcp6(), [b]);
});

switchTest("an exact-match flow beats every wildcard flow (1.0.0 §3.4)", opts, async (t) => {
  const [a, b, c] = t.ports;
  const exact = {
    inPort: a,
    dlSrc: "00:06:07:08:09:0a",
    dlDst: "00:01:02:03:04:05",
    dlVlan: of10.OFP_VLAN_NONE,
    dlVlanPcp: 0,
    dlType: 0x0800,
    nwTos: 0,
    nwProto: 6,
    nwSrc: "192.168.0.1",
    nwDst: "192.168.0.2",
    tpSrc: 1234,
    tpDst: 80,
  };
  await t.install(
    flow(exact, to(b), { priority: 1 }),
    flow({ inPort: a }, to(c), { priority: 65000 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("packet-out to a port", opts, async (t) => {
  const [, b] = t.ports;
  await t.install(of10.packetOut({ actions: to(b), data: tcp4() }));
  await t.verifyPackets(tcp4(), [b]);
});

switchTest(
  "packet-out to ALL from the controller: every data port",
  { ...opts, ports: 4 },
  async (t) => {
    await t.install(of10.packetOut({ actions: to(OFPP.ALL), data: arp() }));
    await t.verifyPackets(arp(), t.ports);
  },
);

switchTest(
  "packet-out to FLOOD with an in_port: every port but that one",
  { ...opts, ports: 4 },
  async (t) => {
    const [a] = t.ports;
    await t.install(of10.packetOut({ inPort: a, actions: to(OFPP.FLOOD), data: arp() }));
    await t.verifyPackets(arp(), t.ports.filter((p) => p !== a));
  },
);

switchTest("packet-out to TABLE: handled as if it came in by in_port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ inPort: a }, to(b)), flow({ inPort: b }, to(c)));
  await t.install(of10.packetOut({ inPort: a, actions: to(OFPP.TABLE), data: tcp4() }));
  await t.verifyPackets(tcp4(), [b]);
  await t.install(of10.packetOut({ inPort: b, actions: to(OFPP.TABLE), data: tcp4() }));
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("packet-out with a modify action before the output", opts, async (t) => {
  const [a] = t.ports;
  await t.install(of10.packetOut({
    actions: [of10.setDlDst("0a:00:00:00:00:01"), of10.output(a)],
    data: tcp4(),
  }));
  await t.verifyPackets(tcp4({ eth: { dst: "0a:00:00:00:00:01" } }), [a]);
});

switchTest("packet-out with an unknown buffer id: OFPBRC_BUFFER_UNKNOWN", opts, async (t) => {
  await t.verifyError(
    of10.packetOut({ bufferId: 0x7777, actions: to(t.ports[0]) }),
    { type: of10.OFPET.BAD_REQUEST, code: of10.OFPBRC.BUFFER_UNKNOWN },
  );
});
