// OpenFlow 1.3 packet-outs (1.3.5 §7.3.7): a frame the controller sends leaves by the ports
// its actions name, goes through the flow table with OFPP_TABLE as if it came in by in_port,
// and a packet-out that names a buffer, port or action the switch lacks is refused.
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4, udp4 } from "../_frames.ts";
import { flow, to } from "./_util.ts";

const group = "packet-out";
const opts = { version: 4, group, ports: 3 } as const;

switchTest("to one port", opts, async (t) => {
  const [, b] = t.ports;
  await t.install(of13.packetOut({ actions: to(b), data: tcp4() }));
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("to several ports", opts, async (t) => {
  const [a, , c] = t.ports;
  await t.install(of13.packetOut({ actions: to(a, c), data: udp4() }));
  await t.verifyPackets(udp4(), [a, c]);
});

switchTest("to ALL from the controller: every data port", { ...opts, ports: 4 }, async (t) => {
  await t.install(of13.packetOut({ actions: to(of13.OFPP.ALL), data: arp() }));
  await t.verifyPackets(arp(), t.ports);
});

switchTest(
  "to FLOOD with an in_port: every port but that one",
  { ...opts, ports: 4 },
  async (t) => {
    const [, b] = t.ports;
    await t.install(of13.packetOut({ inPort: b, actions: to(of13.OFPP.FLOOD), data: arp() }));
    await t.verifyPackets(arp(), t.ports.filter((p) => p !== b));
  },
);

switchTest("to IN_PORT: out of the packet-out's in_port", opts, async (t) => {
  const [, , c] = t.ports;
  await t.install(of13.packetOut({ inPort: c, actions: to(of13.OFPP.IN_PORT), data: tcp4() }));
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("with set-field before the output", opts, async (t) => {
  const [a] = t.ports;
  await t.install(of13.packetOut({
    actions: [of13.setField("eth_dst", "0a:00:00:00:00:01"), of13.output(a)],
    data: tcp4(),
  }));
  await t.verifyPackets(tcp4({ eth: { dst: "0a:00:00:00:00:01" } }), [a]);
});

switchTest("to TABLE: the flow table handles it as if it came in by in_port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b)),
    flow({ in_port: b }, to(c)),
  );
  await t.install(of13.packetOut({ inPort: a, actions: to(of13.OFPP.TABLE), data: tcp4() }));
  await t.verifyPackets(tcp4(), [b]);
  await t.install(of13.packetOut({ inPort: b, actions: to(of13.OFPP.TABLE), data: tcp4() }));
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("to TABLE from in_port CONTROLLER matches in_port CONTROLLER", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: of13.OFPP.CONTROLLER }, to(b)), flow({ in_port: a }, to(a)));
  await t.install(of13.packetOut({ actions: to(of13.OFPP.TABLE), data: udp4() }));
  await t.verifyPackets(udp4(), [b]);
});

switchTest("to TABLE updates the flow's counters", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), { cookie: 9n }));
  for (let i = 0; i < 3; i++) {
    await t.install(of13.packetOut({ inPort: a, actions: to(of13.OFPP.TABLE), data: tcp4() }));
    await t.verifyPackets(tcp4(), [b]);
  }
  const [entry] = await t.flowStats({ cookie: 9n, cookieMask: ~0n & 0xffff_ffff_ffff_ffffn });
  if (entry?.packetCount !== 3n) {
    throw new Error(`Expected the flow to count 3 packets, got ${entry?.packetCount}`);
  }
});

switchTest("to TABLE that misses with no table-miss flow: dropped", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a, eth_type: 0x86dd }, to(b)));
  await t.install(of13.packetOut({ inPort: a, actions: to(of13.OFPP.TABLE), data: tcp4() }));
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest("without actions: dropped", opts, async (t) => {
  await t.install(of13.packetOut({ actions: [], data: tcp4() }));
  await t.verifyPackets(tcp4(), []);
});

switchTest("with an unknown buffer id: OFPBRC_BUFFER_UNKNOWN", opts, async (t) => {
  await t.verifyError(
    of13.packetOut({ bufferId: 0x7777, actions: to(t.ports[0]) }),
    { type: of13.OFPET.BAD_REQUEST, code: of13.OFPBRC.BUFFER_UNKNOWN },
  );
  await t.verifyPackets(tcp4(), []);
});
