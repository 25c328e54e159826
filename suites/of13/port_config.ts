// OpenFlow 1.3 port configuration (1.3.5 §7.2.1 ofp_port_config, §7.3.9 PORT_MOD, §7.4.3
// PORT_STATUS): PORT_DOWN, NO_RECV, NO_FWD and NO_PACKET_IN on the data plane, the port
// description and PORT_STATUS that report a change, and the port-mod errors.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13Port, Of13PortStatus } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4 } from "../_frames.ts";
import { flow, type T13, to } from "./_util.ts";

const group = "port-config";
const opts = { version: 4, group, ports: 3 } as const;
const { OFPPC } = of13;

async function portStatus(t: T13, port: number): Promise<Of13PortStatus | undefined> {
  return await t.conn.poll(
    (m) => m.type === "PORT_STATUS" && (m as Of13PortStatus).desc.portNo === port,
    { timeout: 1000 },
  ) as Of13PortStatus | undefined;
}

switchTest("PORT_DOWN: nothing goes out of the port", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch leaves PORT_DOWN to the network device, and the dummy datapath's devices go on sending and receiving; 1.3.5 §7.2.1: a port administratively down should not be used by OpenFlow",
  },
}, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ in_port: a }, to(b, c)));
  await t.setPortConfig(b, OFPPC.PORT_DOWN, OFPPC.PORT_DOWN);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("PORT_DOWN: nothing that comes in by the port is forwarded", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch leaves PORT_DOWN to the network device, and the dummy datapath's devices go on sending and receiving; 1.3.5 §7.2.1: a port administratively down should not be used by OpenFlow",
  },
}, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: b }, to(a)));
  await t.setPortConfig(b, OFPPC.PORT_DOWN, OFPPC.PORT_DOWN);
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), []);
});

// Before 1.5 a PORT_MOD need not (OVS reads: should not) cause a PORT_STATUS to the controller
// that sent it, so a status is checked only when one comes.
switchTest(
  "PORT_DOWN shows in the port description, and in any PORT_STATUS sent",
  opts,
  async (t) => {
    const [, b] = t.ports;
    t.conn.clearQueue();
    await t.setPortConfig(b, OFPPC.PORT_DOWN, OFPPC.PORT_DOWN);
    const desc = await t.portConfig(b) as Of13Port;
    assert.ok(desc.config & OFPPC.PORT_DOWN, "the port description has PORT_DOWN");
    const msg = await portStatus(t, b);
    if (msg) {
      assert.equal(msg.reason, of13.OFPPR.MODIFY);
      assert.ok(msg.desc.config & OFPPC.PORT_DOWN, "its config has PORT_DOWN");
    }
    await t.setPortConfig(b, 0, OFPPC.PORT_DOWN);
    assert.equal((await t.portConfig(b)).config & OFPPC.PORT_DOWN, 0, "PORT_DOWN cleared");
    const up = await portStatus(t, b);
    if (up) {
      assert.equal(
        up.desc.config & OFPPC.PORT_DOWN,
        0,
        "a PORT_STATUS with PORT_DOWN cleared",
      );
    }
  },
);

switchTest("NO_RECV: frames that come in by the port are dropped", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: b }, to(a)), flow({ in_port: a }, to(b)));
  await t.setPortConfig(b, OFPPC.NO_RECV, OFPPC.NO_RECV);
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]); // it still sends
});

switchTest("NO_FWD: frames forwarded to the port are dropped", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ in_port: a }, to(b, c)), flow({ in_port: b }, to(c)));
  await t.setPortConfig(b, OFPPC.NO_FWD, OFPPC.NO_FWD);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), [c]); // it still receives
});

switchTest("NO_FWD: the port is left out of ALL", { ...opts, ports: 4 }, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(of13.OFPP.ALL)));
  await t.setPortConfig(b, OFPPC.NO_FWD, OFPPC.NO_FWD);
  await t.send(a, arp());
  await t.verifyPackets(arp(), t.ports.filter((p) => p !== a && p !== b));
});

switchTest("NO_PACKET_IN: no packet-in for frames from the port", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch 3.1 records NO_PACKET_IN in the port's configuration but still sends packet-ins for frames from the port; 1.3.5 §7.2.1: do not send packet-in messages for the port",
  },
}, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({}, [of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)], { priority: 0 }),
  );
  await t.setPortConfig(b, OFPPC.NO_PACKET_IN, OFPPC.NO_PACKET_IN);
  assert.ok((await t.portConfig(b)).config & OFPPC.NO_PACKET_IN, "the port reports NO_PACKET_IN");
  await t.send(b, tcp4());
  await t.verifyNoPacketIn();
  await t.send(a, tcp4());
  await t.verifyPacketIn({ frame: tcp4(), inPort: a });
});

switchTest("configuration bits are independent: clearing one keeps the other", opts, async (t) => {
  const [, b] = t.ports;
  await t.setPortConfig(b, OFPPC.NO_FWD | OFPPC.NO_PACKET_IN, OFPPC.NO_FWD | OFPPC.NO_PACKET_IN);
  await t.setPortConfig(b, 0, OFPPC.NO_FWD);
  const desc = await t.portConfig(b);
  assert.equal(desc.config & (OFPPC.NO_FWD | OFPPC.NO_PACKET_IN), OFPPC.NO_PACKET_IN);
});

switchTest("PORT_MOD with the wrong hardware address: OFPPMFC_BAD_HW_ADDR", opts, async (t) => {
  const [, b] = t.ports;
  const desc = await t.portConfig(b);
  const wrong = desc.hwAddr === "02:00:00:00:00:01" ? "02:00:00:00:00:02" : "02:00:00:00:00:01";
  await t.verifyError(
    of13.portMod({ portNo: b, hwAddr: wrong, config: OFPPC.NO_FWD, mask: OFPPC.NO_FWD }),
    { type: of13.OFPET.PORT_MOD_FAILED, code: of13.OFPPMFC.BAD_HW_ADDR },
  );
  assert.equal((await t.portConfig(b)).config & OFPPC.NO_FWD, 0, "the port is unchanged");
});

switchTest("PORT_MOD of a port that does not exist: OFPPMFC_BAD_PORT", opts, async (t) => {
  await t.verifyError(
    of13.portMod({
      portNo: 0xfe00,
      hwAddr: "02:00:00:00:00:01",
      config: OFPPC.NO_FWD,
      mask: OFPPC.NO_FWD,
    }),
    { type: of13.OFPET.PORT_MOD_FAILED, code: of13.OFPPMFC.BAD_PORT },
  );
});
