// OpenFlow 1.3 packet-ins (1.3.5 §5.4 table-miss, §7.4.1 PACKET_IN, and the asynchronous
// configuration): reason, table, cookie, in_port and data of packet-ins from the table-miss
// flow and from an output to CONTROLLER, truncation, and the async masks that suppress them.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13PacketIn } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { tcp4, udp6 } from "../_frames.ts";
import { flow, to, withAsync } from "./_util.ts";

const group = "packet-in";
const opts = { version: 4, group, ports: 2 } as const;
const { CONTROLLER } = of13.OFPP;
const whole = of13.OFPCML.NO_BUFFER;

switchTest(
  "table-miss flow: reason NO_MATCH, its table and cookie, whole frame",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(
      flow({}, [of13.output(CONTROLLER, whole)], { priority: 0, cookie: 0xabcn }),
      flow({ in_port: a, eth_type: 0x86dd }, to(b), { priority: 10 }),
    );
    const frame = tcp4();
    await t.send(a, frame);
    await t.verifyPacketIn({
      frame,
      dataMatch: "whole",
      inPort: a,
      reason: of13.OFPR.NO_MATCH,
      tableId: 0,
      cookie: 0xabcn,
    });
    await t.verifyPackets(frame, []);
  },
);

switchTest("table-miss flow of table 1, reached by goto", opts, async (t) => {
  const [a] = t.ports;
  await t.install(
    of13.flowMod({ match: of13.match({ in_port: a }), instructions: [of13.gotoTable(1)] }),
    flow({}, [of13.output(CONTROLLER, whole)], { priority: 0, tableId: 1, cookie: 7n }),
  );
  const frame = udp6();
  await t.send(a, frame);
  await t.verifyPacketIn({ frame, inPort: a, reason: of13.OFPR.NO_MATCH, tableId: 1, cookie: 7n });
});

switchTest("output CONTROLLER: reason ACTION, the flow's table and cookie", opts, async (t) => {
  const [a] = t.ports;
  await t.install(
    flow({ in_port: a, eth_type: 0x0800 }, [of13.output(CONTROLLER, whole)], {
      priority: 50,
      cookie: 0x1122334455667788n,
    }),
  );
  const frame = tcp4();
  await t.send(a, frame);
  await t.verifyPacketIn({
    frame,
    dataMatch: "whole",
    inPort: a,
    reason: of13.OFPR.ACTION,
    tableId: 0,
    cookie: 0x1122334455667788n,
  });
});

switchTest("output CONTROLLER in table 2 reports table 2", opts, async (t) => {
  const [a] = t.ports;
  await t.install(
    of13.flowMod({ match: of13.match({ in_port: a }), instructions: [of13.gotoTable(2)] }),
    flow({}, [of13.output(CONTROLLER, whole)], { tableId: 2, cookie: 2n }),
  );
  await t.send(a, tcp4());
  await t.verifyPacketIn({ frame: tcp4(), reason: of13.OFPR.ACTION, tableId: 2, cookie: 2n });
});

switchTest("output CONTROLLER and a port: both get the frame", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, [of13.output(CONTROLLER, whole), of13.output(b)]));
  await t.send(a, tcp4());
  await t.verifyPacketIn({ frame: tcp4(), inPort: a, reason: of13.OFPR.ACTION });
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("packet-in carries the frame as modified before the output", opts, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ in_port: a, eth_type: 0x0800 }, [
    of13.setField("ipv4_dst", "10.0.0.9"),
    of13.output(CONTROLLER, whole),
  ]));
  await t.send(a, tcp4());
  await t.verifyPacketIn({ frame: tcp4({ ip: { dst: "10.0.0.9" } }), dataMatch: "whole" });
});

switchTest(
  "max_len 64: total_len is the frame's, the data its first 64 bytes or all of it unbuffered (§7.4.1)",
  opts,
  async (t) => {
    const [a] = t.ports;
    await t.install(flow({ in_port: a }, [of13.output(CONTROLLER, 64)]));
    const frame = tcp4();
    await t.send(a, frame);
    const pin = await t.verifyPacketIn({ inPort: a, reason: of13.OFPR.ACTION }) as Of13PacketIn;
    assert.equal(pin.totalLen, frame.length, "total_len");
    if (pin.bufferId === of13.OFP_NO_BUFFER) {
      assert.deepEqual(pin.data, frame, "an unbuffered packet-in carries the entire frame");
    } else {
      assert.deepEqual(
        pin.data,
        frame.subarray(0, 64),
        "a buffered packet-in carries max_len bytes",
      );
    }
  },
);

switchTest(
  "a frame that matches no flow of table 0 with no table-miss flow: no packet-in",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(flow({ in_port: a, eth_type: 0x86dd }, to(b)));
    await t.send(a, tcp4());
    await t.verifyNoPacketIn();
    await t.verifyPackets(tcp4(), []);
  },
);

switchTest("async mask without ACTION suppresses output-CONTROLLER packet-ins", opts, async (t) => {
  const [a, b] = t.ports;
  await withAsync(t, { packetInMask: [1 << of13.OFPR.NO_MATCH, 0] }, async () => {
    await t.install(flow({ in_port: a }, [of13.output(CONTROLLER, whole), of13.output(b)]));
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b]);
    await t.verifyNoPacketIn();
  });
});

switchTest("async mask without NO_MATCH suppresses table-miss packet-ins", opts, async (t) => {
  const [a] = t.ports;
  await withAsync(t, { packetInMask: [1 << of13.OFPR.ACTION, 0] }, async () => {
    await t.install(flow({}, [of13.output(CONTROLLER, whole)], { priority: 0 }));
    await t.send(a, tcp4());
    await t.verifyNoPacketIn();
  });
});

switchTest("one packet-in per frame", opts, async (t) => {
  const [a] = t.ports;
  await t.install(flow({ in_port: a }, [of13.output(CONTROLLER, whole)]));
  const frames = [1, 2, 3].map((n) => tcp4({ tcp: { srcPort: 1000 + n } }));
  for (const f of frames) await t.send(a, f);
  for (const f of frames) await t.verifyPacketIn({ frame: f, dataMatch: "whole" });
  await t.verifyNoPacketIn();
});
