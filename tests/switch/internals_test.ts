// The reference switch's internals against independent references: lookup keys against the
// layers a frame was built from, the tuple-space flow table against a linear scan, match
// relations against brute force; and the module's public surface.
import assert from "node:assert/strict";
import * as mod from "../../src/switch/mod.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { build, type Layer, of13MatchFromFrame } from "../../src/packet/mod.ts";
import { generateFrames } from "../packet/_generate.ts";
import { FlowEntry } from "../../src/switch/_flow_entry.ts";
import { FlowTable } from "../../src/switch/_flow_table.ts";
import { extractKey, newKey, S } from "../../src/switch/_key.ts";
import { compileOxm, type FlowMatch } from "../../src/switch/_match.ts";
import { actionsProgram } from "../../src/switch/_program.ts";
import { prng, randInt } from "../_util/prng.ts";
import type { MatchSpec } from "../../src/ofp/mod.ts";

const ip4n = (s: string) => s.split(".").reduce((n, x) => n * 256 + Number(x), 0) | 0;
const macWords = (s: string) => {
  const b = s.split(":").map((x) => parseInt(x, 16));
  return [(b[0] << 8) | b[1], ((b[2] << 24) | (b[3] << 16) | (b[4] << 8) | b[5]) | 0];
};

Deno.test({
  name: "key: every field read from random frames matches the layers they were built from",
  permissions: "none",
  fn: () => {
    const rand = prng(7);
    const mac = () =>
      Array.from({ length: 6 }, () => randInt(rand, 256).toString(16).padStart(2, "0")).join(":");
    const ip = () => Array.from({ length: 4 }, () => randInt(rand, 256)).join(".");
    for (let i = 0; i < 500; i++) {
      const dst = mac(), src = mac();
      const layers: Layer[] = [{ type: "ethernet", dst, src }];
      const want = new Map<number, number>();
      [want.set(S.ETH_DST, macWords(dst)[0]), want.set(S.ETH_DST + 1, macWords(dst)[1])];
      [want.set(S.ETH_SRC, macWords(src)[0]), want.set(S.ETH_SRC + 1, macWords(src)[1])];
      const tags = randInt(rand, 3);
      for (let t = 0; t < tags; t++) {
        const vid = randInt(rand, 4096), pcp = randInt(rand, 8);
        layers.push({ type: t === 0 && rand() < 0.5 ? "svlan" : "vlan", vid, pcp });
        if (t === 0) [want.set(S.VLAN_VID, 0x1000 | vid), want.set(S.VLAN_PCP, pcp)];
      }
      const kind = randInt(rand, 5);
      if (kind === 0) {
        const [s, d, ttl, dscp, ecn] = [
          ip(),
          ip(),
          randInt(rand, 256),
          randInt(rand, 64),
          randInt(rand, 4),
        ];
        const proto = [6, 17, 132, 1][randInt(rand, 4)];
        layers.push({ type: "ipv4", src: s, dst: d, ttl, dscp, ecn });
        [
          want.set(S.ETH_TYPE, 0x0800),
          want.set(S.IPV4_SRC, ip4n(s)),
          want.set(S.IPV4_DST, ip4n(d)),
        ];
        [
          want.set(S.IP_DSCP, dscp),
          want.set(S.IP_ECN, ecn),
          want.set(S.IP_PROTO, proto),
          want.set(S.NW_TOS10, dscp << 2),
        ];
        const a = randInt(rand, 65536), b = randInt(rand, 65536);
        if (proto === 1) {
          layers.push({ type: "icmp", icmpType: a & 0xff, code: b & 0xff });
          [want.set(S.ICMPV4_TYPE, a & 0xff), want.set(S.ICMPV4_CODE, b & 0xff)];
        } else {
          layers.push({
            type: proto === 6 ? "tcp" : proto === 17 ? "udp" : "sctp",
            srcPort: a,
            dstPort: b,
          });
          const slot = proto === 6 ? S.TCP_SRC : proto === 17 ? S.UDP_SRC : S.SCTP_SRC;
          [
            want.set(slot, a),
            want.set(slot + 1, b),
            want.set(S.TP_SRC10, a),
            want.set(S.TP_DST10, b),
          ];
        }
      } else if (kind === 1) {
        const flowLabel = randInt(rand, 1 << 20);
        layers.push({ type: "ipv6", src: "2001:db8::1", dst: "fe80::2", flowLabel });
        [
          want.set(S.ETH_TYPE, 0x86dd),
          want.set(S.IPV6_FLABEL, flowLabel),
          want.set(S.IPV6_SRC, 0x20010db8),
        ];
        [want.set(S.IPV6_DST, 0xfe800000 | 0), want.set(S.IPV6_DST + 3, 2)];
        if (rand() < 0.5) {
          layers.push({
            type: "icmpv6",
            icmpType: 135,
            target: "2001:db8::9",
            options: [{ optionType: 1, mac: "02:00:00:00:00:09" }],
          });
          [
            want.set(S.IP_PROTO, 58),
            want.set(S.ICMPV6_TYPE, 135),
            want.set(S.IPV6_ND_TARGET + 3, 9),
          ];
          [want.set(S.IPV6_ND_SLL, 0x0200), want.set(S.IPV6_ND_SLL + 1, 9)];
        } else {
          layers.push({ type: "hopopts" }, { type: "udp", srcPort: 7, dstPort: 9 });
          [
            want.set(S.IP_PROTO, 17),
            want.set(S.UDP_SRC, 7),
            want.set(S.UDP_DST, 9),
            want.set(S.IPV6_EXTHDR, 64),
          ];
        }
      } else if (kind === 2) {
        const op = 1 + randInt(rand, 2), [s, d] = [ip(), ip()];
        layers.push({ type: "arp", opcode: op, srcIp: s, dstIp: d, srcMac: src });
        [
          want.set(S.ETH_TYPE, 0x0806),
          want.set(S.ARP_OP, op),
          want.set(S.ARP_SPA, ip4n(s)),
          want.set(S.ARP_TPA, ip4n(d)),
        ];
        [want.set(S.ARP_SHA, macWords(src)[0]), want.set(S.ARP_SHA + 1, macWords(src)[1])];
        [want.set(S.NW_PROTO10, op), want.set(S.NW_SRC10, ip4n(s)), want.set(S.NW_DST10, ip4n(d))];
      } else if (kind === 3) {
        const label = randInt(rand, 1 << 20), tc = randInt(rand, 8);
        layers.push({ type: "mpls", label, tc, ttl: 9 }, { type: "ipv4", src: ip(), dst: ip() }, {
          type: "udp",
        });
        [
          want.set(S.ETH_TYPE, 0x8847),
          want.set(S.MPLS_LABEL, label),
          want.set(S.MPLS_TC, tc),
          want.set(S.MPLS_BOS, 1),
        ];
      } else {
        const isid = randInt(rand, 1 << 24);
        layers.push({ type: "itag", isid }, { type: "ethernet", dst: mac(), src: mac() });
        [want.set(S.ETH_TYPE, 0x88e7), want.set(S.PBB_ISID, isid)];
      }
      const key = newKey();
      key[S.IN_PORT] = 5;
      extractKey(build(layers), key);
      want.set(S.IN_PORT, 5);
      for (let s = 0; s < key.length; s++) {
        const w = want.get(s);
        // Fields the case did not describe are checked only when the case named them.
        if (w !== undefined) {
          assert.equal(
            key[s] | 0,
            w | 0,
            `case ${i} (${layers.map((l) => l.type).join("/")}), slot ${s}`,
          );
        }
      }
      if (!want.has(S.VLAN_VID)) {
        assert.equal(key[S.VLAN_VID], 0, "untagged: vlan_vid is OFPVID_NONE");
      }
    }
  },
});

Deno.test({
  name: "key: the packet library's flow match of 3,000 generated frames matches their keys",
  permissions: "none",
  fn: () => {
    let checked = 0;
    for (const g of generateFrames(2026, 3000)) {
      // The packet library reads eth_type after the first tag; the switch after every tag
      // (OpenFlow 1.3 §7.2.3.7): compare frames with at most one tag.
      if (g.layers.filter((l) => l.type === "vlan" || l.type === "svlan").length > 1) continue;
      const frame = build(g.layers, { pad: g.pad });
      const key = newKey();
      key[S.IN_PORT] = 3;
      extractKey(frame, key);
      const match = compileOxm(of13MatchFromFrame(frame, 3));
      assert.ok(match.matches(key), `${g.name}: its own exact match misses its key`);
      const neighbour = key.slice();
      neighbour[S.ETH_SRC + 1] ^= 1;
      assert.equal(match.matches(neighbour), false, `${g.name}: a neighbour matches`);
      checked++;
    }
    assert.ok(checked > 1500, `${checked} frames checked`);
  },
});

Deno.test({
  name: "key: truncated frames give zeros, never an exception",
  permissions: "none",
  fn: () => {
    const full = build([{ type: "ethernet" }, { type: "vlan", vid: 3 }, { type: "ipv6" }, {
      type: "tcp",
      dstPort: 99,
    }]);
    const tcpEnd = 14 + 4 + 40 + 4; // Ethernet, tag, IPv6, TCP ports
    for (let n = 0; n <= full.length; n++) {
      const key = newKey();
      extractKey(full.subarray(0, n), key);
      assert.equal(key[S.TCP_DST], n >= tcpEnd ? 99 : 0, `${n} bytes`);
      assert.equal(key[S.VLAN_VID], n >= 18 ? 0x1003 : 0, `${n} bytes`);
    }
  },
});

function entry(match: FlowMatch, priority: number): FlowEntry {
  return new FlowEntry({
    tableId: 0,
    priority,
    cookie: 0n,
    idleTimeout: 0,
    hardTimeout: 0,
    flags: 0,
    match,
    program: actionsProgram([]),
    wire: { version: 4, match: [], instructions: [] },
  }, 0);
}

Deno.test({
  name: "flow table: lookups agree with a linear scan over random flows, adds and removes",
  permissions: "none",
  fn: () => {
    const rand = prng(11);
    const table = new FlowTable(0, 1e6);
    const live: FlowEntry[] = [];
    const randomMatch = (): MatchSpec => {
      const m: MatchSpec = {};
      if (rand() < 0.6) m.in_port = 1 + randInt(rand, 3);
      if (rand() < 0.7) {
        m.eth_type = 0x0800;
        if (rand() < 0.6) {
          m.ipv4_dst = rand() < 0.5
            ? `10.0.${randInt(rand, 4)}.${randInt(rand, 4)}`
            : [`10.0.${randInt(rand, 4)}.0`, "255.255.255.0"];
        }
        if (rand() < 0.4) [m.ip_proto, m.tcp_dst] = [6, randInt(rand, 3)];
      }
      return m;
    };
    const scan = (key: Int32Array) => {
      let best: FlowEntry | undefined;
      for (const e of live) {
        if (e.match.matches(key) && (!best || e.priority > best.priority)) best = e;
      }
      return best;
    };
    for (let round = 0; round < 3000; round++) {
      const r = rand();
      if (r < 0.5 || live.length === 0) {
        const m = compileOxm(of13.match(randomMatch()));
        const prio = randInt(rand, 40);
        if (!table.findStrict(m, prio)) {
          const e = entry(m, prio);
          table.add(e);
          live.push(e);
        }
      } else if (r < 0.65) {
        const e = live.splice(randInt(rand, live.length), 1)[0];
        table.remove(e);
      } else {
        const key = newKey();
        [key[S.IN_PORT], key[S.ETH_TYPE], key[S.IP_PROTO]] = [
          1 + randInt(rand, 3),
          rand() < 0.8 ? 0x0800 : 0x0806,
          6,
        ];
        key[S.IPV4_DST] = ip4n(`10.0.${randInt(rand, 4)}.${randInt(rand, 4)}`);
        key[S.TCP_DST] = randInt(rand, 3);
        const want = scan(key), got = table.lookup(key);
        // Equal priorities may tie (the spec leaves the choice open): compare priorities.
        assert.equal(got?.priority, want?.priority, `round ${round}`);
        if (got) assert.ok(got.match.matches(key));
      }
    }
    assert.equal(table.size, live.length);
  },
});

Deno.test({
  name: "match: within and overlaps agree with brute force over a small key space",
  permissions: "none",
  fn: () => {
    const rand = prng(3);
    // Matches over in_port (1-3) and ipv4_dst in 10.0.0.0/30 with masks: 3 × 4 keys.
    const spec = (): MatchSpec => {
      const m: MatchSpec = {};
      if (rand() < 0.5) m.in_port = 1 + randInt(rand, 3);
      if (rand() < 0.7) {
        m.eth_type = 0x0800;
        const mask = ["255.255.255.255", "255.255.255.254", "255.255.255.252"][randInt(rand, 3)];
        const v = randInt(rand, 4) & (mask.endsWith("255") ? 3 : mask.endsWith("254") ? 2 : 0);
        m.ipv4_dst = [`10.0.0.${v}`, mask];
      }
      return m;
    };
    const keys: Int32Array[] = [];
    for (const port of [1, 2, 3]) {
      for (const type of [0x0800, 0x0806]) {
        for (let a = 0; a < 4; a++) {
          const k = newKey();
          [k[S.IN_PORT], k[S.ETH_TYPE], k[S.IPV4_DST]] = [port, type, ip4n(`10.0.0.${a}`)];
          keys.push(k);
        }
      }
    }
    for (let i = 0; i < 400; i++) {
      const a = compileOxm(of13.match(spec())), b = compileOxm(of13.match(spec()));
      const accA = keys.map((k) => a.matches(k)), accB = keys.map((k) => b.matches(k));
      assert.equal(a.within(b), accA.every((x, j) => !x || accB[j]), `within #${i}`);
      assert.equal(a.overlaps(b), accA.some((x, j) => x && accB[j]), `overlaps #${i}`);
    }
  },
});

Deno.test({
  name: "mod: exports exactly the documented runtime names",
  permissions: "none",
  fn: () => {
    assert.deepEqual(Object.keys(mod).sort(), [
      "MALFORMED_KINDS",
      "ReferenceSwitch",
      "checkFaults",
      "parseTarget",
    ]);
    assert.throws(() => mod.parseTarget("ptcp:6653", false), TypeError);
    assert.throws(() => mod.parseTarget("tcp:host:99999", false), TypeError);
    assert.throws(() => mod.parseTarget("tcp:nohostport", false), TypeError);
    assert.deepEqual(mod.parseTarget("127.0.0.1:6633", false), {
      address: { hostname: "127.0.0.1", port: 6633 },
      tls: false,
    });
    assert.deepEqual(mod.parseTarget("pssl:6653:0.0.0.0", true), {
      address: { hostname: "0.0.0.0", port: 6653 },
      tls: true,
    });
  },
});

Deno.test("switch options: bad values are refused with a typed error", async () => {
  await assert.rejects(mod.ReferenceSwitch.start({ versions: [2] }), RangeError);
  await assert.rejects(mod.ReferenceSwitch.start({ ports: [1, 1] }), RangeError);
  await assert.rejects(mod.ReferenceSwitch.start({ ports: [0] }), RangeError);
  await assert.rejects(mod.ReferenceSwitch.start({ tables: 255 }), RangeError);
  await assert.rejects(mod.ReferenceSwitch.start({ datapathId: -1n }), RangeError);
  await assert.rejects(mod.ReferenceSwitch.start({ controller: "ssl:127.0.0.1:1" }), TypeError);
  await assert.rejects(mod.ReferenceSwitch.start({ faults: { multipartParts: 0 } }), RangeError);
  await using sw = await mod.ReferenceSwitch.start({ ports: 2 });
  assert.throws(() => sw.frameLink([3]), RangeError);
  assert.throws(() => sw.setLink(9, false), RangeError);
  const link = sw.frameLink();
  await link.open(() => {});
  await assert.rejects(sw.frameLink([1]).open(() => {}), RangeError, "a port belongs to one link");
  await assert.rejects(link.send(3, new Uint8Array(60)), RangeError);
  await link.close();
  await assert.rejects(link.send(1, new Uint8Array(60)), TypeError);
});
