// OpenFlow 1.0 match and actions: the match builder's wildcards, byte-exact fields under
// wildcards, every action's bytes written out from openflow-1.0.h, and the action-length
// rules (at least 8, a multiple of 8, within the list, exact for fixed-size actions).
import assert from "node:assert/strict";
import { decode, encode, of10, OfpDecodeError, type OfpMessage } from "../../src/ofp/mod.ts";
import type {
  Of10Action,
  Of10FlowMod,
  Of10Match,
  Of10PortMod,
  Of10PortStatus,
} from "../../src/ofp/mod.ts";

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const bytes = (...b: number[]) => Uint8Array.from(b);

/** The 40 match bytes of a flow-mod carrying `m`. */
function matchBytes(m: Of10Match): Uint8Array {
  return encode(of10.flowMod({ match: m })).subarray(8, 48);
}

/** A flow-mod frame whose actions are `actionHex`, with the header length fixed. */
function flowModWithActions(actionHex: string): Uint8Array {
  const head = encode(of10.flowMod()).subarray(0, 72);
  const actions = hex(actionHex);
  const wire = new Uint8Array(72 + actions.length);
  wire.set(head);
  wire.set(actions, 72);
  new DataView(wire.buffer).setUint16(2, wire.length);
  return wire;
}

Deno.test({
  name: "v10 match: the builder clears the wildcard bit of each field given",
  permissions: "none",
  fn: () => {
    const { OFPFW } = of10;
    assert.equal(of10.match().wildcards, OFPFW.ALL);
    assert.equal(OFPFW.ALL, 0x3fffff);
    const single: [Partial<Record<keyof Of10Match, unknown>>, number][] = [
      [{ inPort: 1 }, OFPFW.IN_PORT],
      [{ dlVlan: 1 }, OFPFW.DL_VLAN],
      [{ dlSrc: "00:00:00:00:00:01" }, OFPFW.DL_SRC],
      [{ dlDst: "00:00:00:00:00:01" }, OFPFW.DL_DST],
      [{ dlType: 0x0800 }, OFPFW.DL_TYPE],
      [{ nwProto: 6 }, OFPFW.NW_PROTO],
      [{ tpSrc: 1 }, OFPFW.TP_SRC],
      [{ tpDst: 1 }, OFPFW.TP_DST],
      [{ dlVlanPcp: 1 }, OFPFW.DL_VLAN_PCP],
      [{ nwTos: 4 }, OFPFW.NW_TOS],
      [{ nwSrc: "10.0.0.1" }, OFPFW.NW_SRC_MASK],
      [{ nwDst: "10.0.0.1" }, OFPFW.NW_DST_MASK],
    ];
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    for (const [spec, bits] of single) {
      const m = of10.match(spec as never);
      assert.equal(m.wildcards, OFPFW.ALL & ~bits, JSON.stringify(spec));
      // The spec's name (in_port, dl_vlan_pcp...) is the same field: the camelCase is its alias.
      const [[name, value]] = Object.entries(spec);
      assert.deepEqual(of10.match({ [snake(name)]: value } as never), m, snake(name));
    }
    // Unknown names, and a field under both its names, are refused.
    assert.throws(() => of10.match({ eth_type: 0x0800 } as never), /got "eth_type"/);
    assert.throws(() => of10.match({ in_port: 1, inPort: 1 }), /one of in_port and its alias/);
    assert.throws(() => of10.match({ nw_src: "10.0.0.0/33" }), /in nw_src/);
    // A field given as 0 still counts as matched.
    assert.equal(of10.match({ inPort: 0 }).wildcards & OFPFW.IN_PORT, 0);
    // Values land in their fields; the others stay zero.
    const m = of10.match({ dlType: 0x0806, nwDst: "10.1.2.3" });
    assert.deepEqual(m, {
      wildcards: OFPFW.ALL & ~OFPFW.DL_TYPE & ~OFPFW.NW_DST_MASK,
      inPort: 0,
      dlSrc: "00:00:00:00:00:00",
      dlDst: "00:00:00:00:00:00",
      dlVlan: 0,
      dlVlanPcp: 0,
      dlType: 0x0806,
      nwTos: 0,
      nwProto: 0,
      nwSrc: "0.0.0.0",
      nwDst: "10.1.2.3",
      tpSrc: 0,
      tpDst: 0,
    });
  },
});

Deno.test({
  name: "v10 match: a prefix length maps to the NW_SRC/NW_DST ignored-bit count",
  permissions: "none",
  fn: () => {
    const { OFPFW } = of10;
    for (const len of [0, 1, 8, 16, 24, 31, 32]) {
      const m = of10.match({ nwSrc: `10.0.0.0/${len}`, nwDst: `192.168.0.0/${len}` });
      assert.equal((m.wildcards & OFPFW.NW_SRC_MASK) >>> OFPFW.NW_SRC_SHIFT, 32 - len);
      assert.equal((m.wildcards & OFPFW.NW_DST_MASK) >>> OFPFW.NW_DST_SHIFT, 32 - len);
      assert.equal(m.nwSrc, "10.0.0.0");
      assert.equal(m.nwDst, "192.168.0.0");
      assert.equal(of10.nwPrefixLength(m, "nwSrc"), len);
      assert.equal(of10.nwPrefixLength(m, "nwDst"), len);
    }
    // /0 is the spec's NW_SRC_ALL; any count of 32 or more ignores the whole address.
    assert.equal(
      of10.match({ nwSrc: "0.0.0.0/0" }).wildcards,
      OFPFW.ALL & ~OFPFW.NW_SRC_MASK | OFPFW.NW_SRC_ALL,
    );
    assert.equal(of10.nwPrefixLength({ ...of10.match(), wildcards: OFPFW.ALL }, "nwSrc"), 0);
    // 10.0.0.0/8 as a destination: bits 14..19 hold 24 (hand-computed: 0x3fffff → 0x363fff).
    assert.equal(of10.match({ nwDst: "10.0.0.0/8" }).wildcards, 0x363fff);
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "10.0.0.0/8/8"]) {
      assert.throws(() => of10.match({ nwSrc: bad }), RangeError, bad);
    }
    assert.throws(() => of10.match({ nwDst: 10 as never }), TypeError);
  },
});

Deno.test({
  name: "v10 match: field values under wildcards survive decode and encode byte-exact",
  permissions: "none",
  fn: () => {
    // Every field set, every field wildcarded, odd bits in the reserved wildcard range too.
    const raw = hex(
      "ffffffff 0102 a0b1c2d3e4f5 0a0b0c0d0e0f 0fff 07 00 86dd fc 11 0000 c0a80101 0a000001 1f90 0050",
    );
    const wire = flowModWithActions("");
    wire.set(raw, 8);
    const msg = decode(wire) as Of10FlowMod;
    assert.deepEqual(msg.match, {
      wildcards: 0xffffffff,
      inPort: 0x0102,
      dlSrc: "a0:b1:c2:d3:e4:f5",
      dlDst: "0a:0b:0c:0d:0e:0f",
      dlVlan: 0x0fff,
      dlVlanPcp: 7,
      dlType: 0x86dd,
      nwTos: 0xfc,
      nwProto: 0x11,
      nwSrc: "192.168.1.1",
      nwDst: "10.0.0.1",
      tpSrc: 8080,
      tpDst: 80,
    });
    assert.deepEqual(encode(msg), wire);
    // MACs decode lowercase whatever case they were built with.
    const upper = of10.match({ dlSrc: "AA:BB:CC:DD:EE:FF" });
    assert.equal(toHex(matchBytes(upper).subarray(6, 12)), "aabbccddeeff");
    const back = decode(encode(of10.flowMod({ match: upper }))) as Of10FlowMod;
    assert.equal(back.match.dlSrc, "aa:bb:cc:dd:ee:ff");
    // Padding bytes are ignored on decode and written as zeros.
    const padded = wire.slice();
    padded[8 + 21] = 0xee;
    padded[8 + 26] = 0xee;
    padded[8 + 27] = 0xee;
    assert.deepEqual(decode(padded), msg);
    assert.deepEqual(encode(decode(padded)), wire);
  },
});

// Every action, written out by hand from the ofp_action_* structs of openflow-1.0.h.
const ACTIONS: [Of10Action, string][] = [
  [of10.output(1, 128), "0000 0008 0001 0080"],
  [of10.output(of10.OFPP.CONTROLLER), "0000 0008 fffd ffff"],
  [of10.setVlanVid(0x0abc), "0001 0008 0abc 0000"],
  [of10.setVlanPcp(5), "0002 0008 05 000000"],
  [of10.stripVlan(), "0003 0008 00000000"],
  [of10.setDlSrc("00:0a:0b:0c:0d:0e"), "0004 0010 000a0b0c0d0e 000000000000"],
  [of10.setDlDst("ff:ff:ff:ff:ff:fe"), "0005 0010 fffffffffffe 000000000000"],
  [of10.setNwSrc("10.0.0.1"), "0006 0008 0a000001"],
  [of10.setNwDst("192.168.255.254"), "0007 0008 c0a8fffe"],
  [of10.setNwTos(0xb8), "0008 0008 b8 000000"],
  [of10.setTpSrc(1000), "0009 0008 03e8 0000"],
  [of10.setTpDst(65535), "000a 0008 ffff 0000"],
  [of10.enqueue(3, 0x01020304), "000b 0010 0003 000000000000 01020304"],
  // Nicira resubmit(,3): vendor, subtype 14, in_port 0xfff8, table 3, pad.
  [
    of10.vendorAction(of10.NX_VENDOR_ID, bytes(0, 14, 0xff, 0xf8, 3, 0, 0, 0)),
    "ffff 0010 00002320 000e fff8 03 000000",
  ],
  [{ type: "UNKNOWN", actionType: 0x00ff, data: bytes(1, 2, 3, 4) }, "00ff 0008 01020304"],
];

Deno.test({
  name: "v10 actions: every action type's bytes, encoded and decoded",
  permissions: "none",
  fn: async (t) => {
    for (const [action, wireHex] of ACTIONS) {
      await t.step(`${action.type} ${wireHex}`, () => {
        const msg = of10.flowMod({ actions: [action] });
        const wire = encode(msg);
        assert.equal(toHex(wire.subarray(72)), wireHex.replace(/\s+/g, ""));
        assert.deepEqual(decode(wire), msg);
      });
    }
    await t.step("all at once, in order", () => {
      const msg = of10.packetOut({ actions: ACTIONS.map(([a]) => a), data: bytes(1, 2, 3) });
      assert.deepEqual(decode(encode(msg)), msg);
    });
  },
});

Deno.test({
  name: "v10 actions: vendor and unknown actions are padded to 8 and keep their padding",
  permissions: "none",
  fn: () => {
    const msg = of10.flowMod({
      actions: [
        of10.vendorAction(0x00002320, bytes(0, 18)),
        { type: "UNKNOWN", actionType: 99, data: bytes(7) },
      ],
    });
    const wire = encode(msg);
    assert.equal(
      toHex(wire.subarray(72)),
      "ffff0010" + "00002320" + "0012000000000000" + "00630008" + "07000000",
    );
    const back = decode(wire) as Of10FlowMod;
    // The decoded data holds the padding: the bytes exactly as on the wire.
    assert.deepEqual(back.actions, [
      { type: "VENDOR", vendor: 0x2320, data: bytes(0, 18, 0, 0, 0, 0, 0, 0) },
      { type: "UNKNOWN", actionType: 99, data: bytes(7, 0, 0, 0) },
    ]);
    assert.deepEqual(encode(back), wire);
    // Non-zero bytes at the end of a vendor action are the vendor's, not padding: kept.
    const odd = flowModWithActions("ffff 0010 00002320 0012 0102030405 06");
    assert.deepEqual(encode(decode(odd)), odd);
  },
});

Deno.test({
  name: "v10 actions: lengths are checked against the spec's rules",
  permissions: "none",
  fn: () => {
    const cases: [string, RegExp][] = [
      ["0000 0000 0001 ffff", /Action length 0 is below the 8-byte minimum/],
      ["0000 0004 0001 ffff", /Action length 4 is below the 8-byte minimum/],
      ["0000 000c 0001 ffff 00000000", /Action length 12 is not a multiple of 8/],
      ["0000 0010 0001 ffff 0000000000000000", /Action OUTPUT has length 16, expected 8/],
      ["0004 0008 00000000", /Action SET_DL_SRC has length 8, expected 16/],
      ["000b 0008 00010000", /Action ENQUEUE has length 8, expected 16/],
      ["0003 0018 00000000 0000000000000000 0000000000000000", /STRIP_VLAN has length 24/],
      ["0000 0010 0001 ffff", /Action length 16 runs past the action list \(8 bytes remain\)/],
      [
        "ffff 0010 00002320 0000000000000000 ffff 0018 00002320 00000000",
        /Action length 24 runs past the action list \(12 bytes remain\)/,
      ],
      ["0000 0008 0001 ffff 0000", /Action header needs 4 bytes, 2 remain/],
      [
        "0000 0008 0001 ffff 00000008",
        /Action length 8 runs past the action list \(4 bytes remain\)/,
      ],
    ];
    for (const [actionHex, message] of cases) {
      const wire = flowModWithActions(actionHex);
      assert.throws(() => decode(wire), (e: unknown) => {
        assert.ok(e instanceof OfpDecodeError, `${actionHex}: ${e}`);
        assert.match(e.message, message, actionHex);
        assert.match(e.path, /^flow_mod\.actions\[\]/);
        return true;
      });
    }
    // The same rules inside a packet-out's actions_len and a flow stats entry.
    const po = encode(of10.packetOut({ actions: [of10.output(1)] }));
    new DataView(po.buffer).setUint16(18, 16);
    assert.throws(() => decode(po), /packet_out\.actions\[\]\.length/);
    const fs = encode(of10.statsReply({
      type: "FLOW",
      entries: [{
        tableId: 0,
        match: of10.match(),
        durationSec: 0,
        durationNsec: 0,
        priority: 0,
        idleTimeout: 0,
        hardTimeout: 0,
        cookie: 0n,
        packetCount: 0n,
        byteCount: 0n,
        actions: [of10.output(1)],
      }],
    }));
    new DataView(fs.buffer).setUint16(12 + 88 + 2, 4);
    assert.throws(() => decode(fs), /stats_reply\.flow\[\]\.actions\[\]\.length/);
  },
});

Deno.test({
  name: "v10 actions: every one of the 13 types plus an unknown one survives random lists",
  permissions: "none",
  fn: () => {
    // A deterministic shuffle of the action table, 200 lists of 0..6 actions.
    let seed = 0x1234;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 16) % n;
    };
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const actions = Array.from({ length: rand(7) }, () => ACTIONS[rand(ACTIONS.length)][0]);
      for (const a of actions) seen.add(a.type);
      const msg: OfpMessage = i % 2
        ? of10.flowMod({ actions })
        : of10.packetOut({ actions, data: bytes(i & 0xff) });
      assert.deepEqual(decode(encode(msg)), msg);
    }
    assert.equal(seen.size, Object.keys(of10.OFPAT).length + 1);
  },
});

Deno.test({
  name: "v10 addresses: MAC and IPv4 text are parsed strictly and printed canonically",
  permissions: "none",
  fn: () => {
    // Every byte value prints as two lowercase hex digits and parses back.
    for (let b = 0; b < 256; b += 17) {
      const x = b.toString(16).padStart(2, "0");
      const mac = `${x}:00:${x}:ff:${x}:01`;
      const m = decode(encode(of10.portMod({ hwAddr: mac.toUpperCase() }))) as Of10PortMod;
      assert.equal(m.hwAddr, mac);
      const ip = `${b}.0.255.${255 - b}`;
      const fm = decode(encode(of10.flowMod({ actions: [of10.setNwSrc(ip)] }))) as Of10FlowMod;
      assert.deepEqual(fm.actions, [of10.setNwSrc(ip)]);
    }
    const badMacs = [
      "00:11:22:33:44",
      "00-11-22-33-44-55",
      "0g:11:22:33:44:55",
      "00:11:22:33:44:5",
      "00:11:22:33:44:555",
      "001:1:22:33:44:55",
      "",
      12,
    ];
    for (const hwAddr of badMacs) {
      assert.throws(
        () => encode(of10.portMod({ hwAddr: hwAddr as string })),
        /Expected an Ethernet address like 00:1b:21:3c:4d:5e, got .* \(at port_mod\.hwAddr\)/,
        String(hwAddr),
      );
    }
    const badIps = [
      "1.2.3",
      "1.2.3.4.5",
      "256.0.0.1",
      "1..2.3",
      "1.2.3.",
      ".1.2.3",
      "",
      " 1.2.3.4",
      "1234.1.1.1",
      "-1.2.3.4",
      "1.2.3.0x4",
      4,
    ];
    for (const ip of badIps) {
      assert.throws(
        () => encode(of10.flowMod({ actions: [of10.setNwDst(ip as string)] })),
        /Expected an IPv4 address like 10\.0\.0\.1/,
        String(ip),
      );
    }
    assert.equal(
      toHex(encode(of10.flowMod({ actions: [of10.setNwDst("255.255.255.255")] })).subarray(76)),
      "ffffffff",
    );
  },
});

Deno.test({
  name: "v10 strings: fixed-size names decode without NULs and re-encode zero-padded",
  permissions: "none",
  fn: () => {
    const port = (name: string) => of10.phyPort({ portNo: 1, name });
    const wireOf = (name: string) => encode(of10.portStatus(of10.OFPPR.ADD, port(name)));
    // ofp_port_status: header 8, reason + pad 8, then port_no 2 and hw_addr 6: name at 24.
    const NAME_AT = 24;
    assert.equal(
      toHex(wireOf("eth0").subarray(NAME_AT, NAME_AT + 16)),
      "65746830" + "00".repeat(12),
    );
    // A name filling all 16 bytes has no NUL at all.
    const full = "abcdefghijklmnop";
    assert.equal((decode(wireOf(full)) as Of10PortStatus).desc.name, full);
    // UTF-8 names round-trip; bytes that are not UTF-8 survive as escapes, byte-exact.
    assert.equal((decode(wireOf("pört")) as Of10PortStatus).desc.name, "pört");
    const latin1 = wireOf("p");
    latin1.set([0xe9, 0xff, 0x41], NAME_AT + 1);
    const odd = decode(latin1) as Of10PortStatus;
    assert.equal(odd.desc.name, "p\udce9\udcffA");
    assert.deepEqual(encode(odd), latin1);
    // Bytes after the first NUL are padding: ignored on decode, zeros on encode.
    const junk = wireOf("eth0");
    junk[NAME_AT + 10] = 0x7a;
    assert.equal((decode(junk) as Of10PortStatus).desc.name, "eth0");
    assert.deepEqual(encode(decode(junk)), wireOf("eth0"));
    // Too long (in UTF-8 bytes) or holding a NUL: an encode error naming the field.
    for (const bad of ["x".repeat(17), "ä".repeat(9), "a\0b"]) {
      assert.throws(() => wireOf(bad), /port_status\.desc\.name/, JSON.stringify(bad));
    }
  },
});
