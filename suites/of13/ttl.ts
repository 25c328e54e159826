// OpenFlow 1.3 TTL actions (1.3.5 §5.12, §7.2.5): set/decrement the IP TTL and hop limit and
// the MPLS TTL, copy it outwards and inwards, and what happens to a frame whose TTL runs out
// (dropped; a packet-in with reason INVALID_TTL only when the async configuration asks).
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { mplsUdp4, tcp4, tcp6, udp4 } from "../_frames.ts";
import { expectRewrite, flow, installOrRefused, type T13, withAsync } from "./_util.ts";

const group = "ttl";
const opts = { version: 4, group, ports: 2 } as const;
const IP4 = { eth_type: 0x0800 }, IP6 = { eth_type: 0x86dd }, MPLS = { eth_type: 0x8847 };

switchTest("set_nw_ttl of IPv4, with the header checksum updated", opts, async (t) => {
  await expectRewrite(t, tcp4(), IP4, [of13.setNwTtl(9)], tcp4({ ip: { ttl: 9 } }));
});

switchTest("dec_nw_ttl of IPv4", opts, async (t) => {
  await expectRewrite(
    t,
    udp4({ ip: { ttl: 64 } }),
    IP4,
    [of13.decNwTtl()],
    udp4({ ip: { ttl: 63 } }),
  );
});

switchTest("dec_nw_ttl twice in one action list", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ ip: { ttl: 10 } }),
    IP4,
    [of13.decNwTtl(), of13.decNwTtl()],
    tcp4({ ip: { ttl: 8 } }),
  );
});

switchTest("set_nw_ttl of IPv6 sets the hop limit", opts, async (t) => {
  await expectRewrite(t, tcp6(), IP6, [of13.setNwTtl(200)], tcp6({ ip: { hopLimit: 200 } }));
});

switchTest("dec_nw_ttl of IPv6 decrements the hop limit", opts, async (t) => {
  await expectRewrite(
    t,
    tcp6({ ip: { hopLimit: 2 } }),
    IP6,
    [of13.decNwTtl()],
    tcp6({ ip: { hopLimit: 1 } }),
  );
});

async function expire(t: T13, input: Uint8Array, match: object, action = of13.decNwTtl()) {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a, ...match }, [action, of13.output(b)]));
  await t.send(a, input);
}

switchTest("dec_nw_ttl of TTL 1: dropped, no packet-in by default", opts, async (t) => {
  await expire(t, tcp4({ ip: { ttl: 1 } }), IP4);
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest(
  "dec_nw_ttl of TTL 1 with INVALID_TTL packet-ins asked for: packet-in",
  opts,
  async (t) => {
    const mask = (1 << of13.OFPR.NO_MATCH) | (1 << of13.OFPR.ACTION) | (1 << of13.OFPR.INVALID_TTL);
    await withAsync(t, { packetInMask: [mask, 0] }, async () => {
      const frame = tcp4({ ip: { ttl: 1 } });
      await expire(t, frame, IP4);
      await t.verifyPacketIn({ frame, inPort: t.ports[0], reason: of13.OFPR.INVALID_TTL });
      await t.verifyPackets(frame, []);
    });
  },
);

switchTest("dec_nw_ttl of hop limit 0 (IPv6): dropped", opts, async (t) => {
  await expire(t, tcp6({ ip: { hopLimit: 0 } }), IP6);
  await t.verifyPackets(tcp6(), []);
});

switchTest("set_mpls_ttl", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 5, ttl: 64 }]),
    MPLS,
    [of13.setMplsTtl(17)],
    mplsUdp4([{ label: 5, ttl: 17 }]),
  );
});

switchTest("dec_mpls_ttl", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 5, ttl: 64 }]),
    MPLS,
    [of13.decMplsTtl()],
    mplsUdp4([{ label: 5, ttl: 63 }]),
  );
});

switchTest("dec_mpls_ttl of TTL 1: dropped, no packet-in by default", opts, async (t) => {
  await expire(t, mplsUdp4([{ label: 5, ttl: 1 }]), MPLS, of13.decMplsTtl());
  await t.verifyPackets(mplsUdp4([{ label: 5, ttl: 0 }]), []);
  await t.verifyNoPacketIn();
});

switchTest(
  "copy_ttl_out (optional: IP TTL to MPLS TTL, or refused with OFPBAC_BAD_TYPE)",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    const mod = flow({ in_port: a, ...MPLS }, [of13.copyTtlOut(), of13.output(b)]);
    if (!await installOrRefused(t, mod, of13.OFPET.BAD_ACTION, of13.OFPBAC.BAD_TYPE)) return;
    await t.send(a, mplsUdp4([{ label: 5, ttl: 64 }], { ip: { ttl: 32 } }));
    await t.verifyPackets(mplsUdp4([{ label: 5, ttl: 32 }], { ip: { ttl: 32 } }), [b]);
  },
);

switchTest(
  "copy_ttl_in (optional: MPLS TTL to IP TTL, or refused with OFPBAC_BAD_TYPE)",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    const mod = flow({ in_port: a, ...MPLS }, [of13.copyTtlIn(), of13.output(b)]);
    if (!await installOrRefused(t, mod, of13.OFPET.BAD_ACTION, of13.OFPBAC.BAD_TYPE)) return;
    await t.send(a, mplsUdp4([{ label: 5, ttl: 64 }], { ip: { ttl: 32 } }));
    await t.verifyPackets(mplsUdp4([{ label: 5, ttl: 64 }], { ip: { ttl: 64 } }), [b]);
  },
);

switchTest("pop_mpls then dec_nw_ttl acts on the inner IPv4", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 5, ttl: 3 }], { ip: { ttl: 50 } }),
    MPLS,
    [of13.popMpls(0x0800), of13.decNwTtl()],
    udp4({ ip: { ttl: 49 } }),
  );
});
