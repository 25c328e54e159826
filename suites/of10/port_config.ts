// OpenFlow 1.0 port configuration (1.0.0 §5.2.1 ofp_port_config, §5.3.3 PORT_MOD, §5.4.3
// PORT_STATUS): NO_FLOOD, NO_FWD, NO_RECV, NO_PACKET_IN and PORT_DOWN on the data plane, the
// PORT_STATUS and features reply that report a change, and the port-mod errors.
import assert from "node:assert/strict";
import { of10 } from "../../src/ofp/mod.ts";
import type { Of10PortStatus } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4 } from "../_frames.ts";
import { flow, to } from "./_util.ts";

const group = "port-config";
const opts = { version: 1, group, ports: 4 } as const;
const { OFPPC } = of10;

switchTest("NO_FLOOD: the port is left out of FLOOD", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: a }, to(of10.OFPP.FLOOD)));
  await t.setPortConfig(b, OFPPC.NO_FLOOD, OFPPC.NO_FLOOD);
  await t.send(a, arp());
  await t.verifyPackets(arp(), t.ports.filter((p) => p !== a && p !== b));
});

switchTest("NO_FLOOD: the port is still in ALL", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: a }, to(of10.OFPP.ALL)));
  await t.setPortConfig(b, OFPPC.NO_FLOOD, OFPPC.NO_FLOOD);
  await t.send(a, arp());
  await t.verifyPackets(arp(), t.ports.filter((p) => p !== a));
});

switchTest("NO_FWD: frames forwarded to the port are dropped", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ inPort: a }, to(b, c)));
  await t.setPortConfig(b, OFPPC.NO_FWD, OFPPC.NO_FWD);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("NO_RECV: frames that come in by the port are dropped", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: b }, to(a)));
  await t.setPortConfig(b, OFPPC.NO_RECV, OFPPC.NO_RECV);
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest("NO_PACKET_IN: no table-miss packet-in for frames from the port", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch 3.1 records NO_PACKET_IN in the port's configuration but still sends packet-ins for frames from the port; 1.0.0 §5.2.1: do not send packet-in messages for the port",
  },
}, async (t) => {
  const [a, b] = t.ports;
  await t.setPortConfig(b, OFPPC.NO_PACKET_IN, OFPPC.NO_PACKET_IN);
  assert.ok((await t.portConfig(b)).config & OFPPC.NO_PACKET_IN, "the port reports NO_PACKET_IN");
  await t.send(b, tcp4());
  await t.verifyNoPacketIn();
  await t.send(a, tcp4());
  await t.verifyPacketIn({ frame: tcp4(), inPort: a, reason: of10.OFPR.NO_MATCH });
});

switchTest("PORT_DOWN: nothing goes out of the port", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch leaves PORT_DOWN to the network device, and the dummy datapath's devices go on sending; 1.0.0 §5.2.1: the port is administratively down",
  },
}, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ inPort: a }, to(b, c)));
  await t.setPortConfig(b, OFPPC.PORT_DOWN, OFPPC.PORT_DOWN);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
});

// Before 1.5 a PORT_MOD need not (OVS reads: should not) cause a PORT_STATUS to the controller
// that sent it, so the status is checked only when one comes.
switchTest(
  "a config change shows in the features reply, and in any PORT_STATUS sent",
  opts,
  async (t) => {
    const [, b] = t.ports;
    t.conn.clearQueue();
    await t.setPortConfig(b, OFPPC.NO_FWD, OFPPC.NO_FWD);
    assert.ok((await t.portConfig(b)).config & OFPPC.NO_FWD, "the features reply has NO_FWD");
    const msg = await t.conn.poll(
      (m) => m.type === "PORT_STATUS" && (m as Of10PortStatus).desc.portNo === b,
      { timeout: 1000 },
    ) as Of10PortStatus | undefined;
    if (msg) {
      assert.equal(msg.reason, of10.OFPPR.MODIFY);
      assert.ok(msg.desc.config & OFPPC.NO_FWD, "its config has NO_FWD");
    }
  },
);

switchTest("PORT_MOD with the wrong hardware address: OFPPMFC_BAD_HW_ADDR", opts, async (t) => {
  const [, b] = t.ports;
  const { hwAddr } = await t.portConfig(b);
  const wrong = hwAddr === "02:00:00:00:00:01" ? "02:00:00:00:00:02" : "02:00:00:00:00:01";
  await t.verifyError(
    of10.portMod({ portNo: b, hwAddr: wrong, config: OFPPC.NO_FLOOD, mask: OFPPC.NO_FLOOD }),
    { type: of10.OFPET.PORT_MOD_FAILED, code: of10.OFPPMFC.BAD_HW_ADDR },
  );
  assert.equal((await t.portConfig(b)).config & OFPPC.NO_FLOOD, 0, "the port is unchanged");
});

switchTest("PORT_MOD of a port that does not exist: OFPPMFC_BAD_PORT", opts, async (t) => {
  await t.verifyError(
    of10.portMod({
      portNo: 0xfe00,
      hwAddr: "02:00:00:00:00:01",
      config: OFPPC.NO_FLOOD,
      mask: OFPPC.NO_FLOOD,
    }),
    { type: of10.OFPET.PORT_MOD_FAILED, code: of10.OFPPMFC.BAD_PORT },
  );
});
