// The packet expression reader: Python literals and operators as Ryu's files use them, Ryu's
// defaults made explicit, Ryu's padding and checksum rules, and errors at the right column.
// Pure: no peers.
import assert from "node:assert/strict";
import { build } from "../../src/packet/mod.ts";
import { RyuExpressionError, RyuPacket } from "../../src/ryu/mod.ts";

const layers = (...exprs: string[]) => RyuPacket.parse(exprs).layers();
const frame = (...exprs: string[]) => RyuPacket.parse(exprs).frame();
const raw = (expr: string) => {
  const l = layers(expr);
  assert.equal(l.length, 1);
  assert.equal(l[0].type, "raw");
  return (l[0] as { data: Uint8Array }).data;
};

/** Expects a RyuExpressionError whose detail matches and whose column is `column`. */
function fails(exprs: string[], column: number, detail: RegExp, index = 0): void {
  assert.throws(
    () =>
      RyuPacket.parse(exprs, { file: "f.json", test: "t", path: "[1].tests[0].ingress" }).layers(),
    (e: unknown) => {
      assert.ok(e instanceof RyuExpressionError, String(e));
      assert.equal(e.name, "RyuExpressionError");
      assert.equal(e.column, column);
      assert.equal(e.source, exprs[index]);
      assert.equal(e.path, `[1].tests[0].ingress[${index}]`);
      assert.match(e.detail, detail);
      assert.match(
        e.message,
        new RegExp(
          `^f\\.json, test "t", \\[1\\]\\.tests\\[0\\]\\.ingress\\[${index}\\], column ${column}: `,
        ),
      );
      return true;
    },
  );
}

Deno.test("byte literals: escapes, octal, quotes, adjacent literals, repetition", () => {
  assert.deepEqual(
    raw("b'\\x01\\t\\n\\r\\\\\\'\"'"),
    Uint8Array.of(1, 9, 10, 13, 0x5c, 0x27, 0x22),
  );
  assert.deepEqual(raw("b'\\0\\101\\377'"), Uint8Array.of(0, 0o101, 0xff));
  assert.deepEqual(raw("b'\\q'"), Uint8Array.of(0x5c, 0x71)); // unknown escape kept
  assert.deepEqual(raw("b\"a\" b'b'"), Uint8Array.of(0x61, 0x62));
  assert.deepEqual(raw("bytes(b'\\x00' * 4)"), new Uint8Array(4));
  assert.deepEqual(raw("bytes(b'\\x11' * (60 - 42))"), new Uint8Array(18).fill(0x11));
  assert.deepEqual(raw("bytes(3)"), new Uint8Array(3));
  assert.deepEqual(raw("bytes([1, 0x2, 0o3, 0b100])"), Uint8Array.of(1, 2, 3, 4));
  assert.deepEqual(raw("2 * b'ab'"), Uint8Array.of(0x61, 0x62, 0x61, 0x62));
  assert.deepEqual(raw("rb'\\x00'"), Uint8Array.of(0x5c, 0x78, 0x30, 0x30));
});

Deno.test("integers: bases, underscores, Python precedence and floor division", () => {
  const vid = (e: string) => (layers(`vlan(vid=${e})`)[0] as { vid: number }).vid;
  assert.equal(vid("0x64"), 100);
  assert.equal(vid("1_0"), 10);
  assert.equal(vid("2 ** 3 * 2 + 1"), 17);
  assert.equal(vid("2 ** 3 ** 2 // 64"), 8); // ** is right-associative
  assert.equal(vid("-2 ** 2 + 8"), 4); // unary minus binds looser than **
  assert.equal(vid("(7 - 10) // 2 + 5"), 3); // floor toward -infinity
  assert.equal(vid("-7 % 3"), 2);
  assert.equal(vid("0xff & ~0x0f | 1 << 2 ^ 1"), 0xf5);
});

Deno.test("omitted fields take the Ryu packet library's defaults, written out", () => {
  assert.deepEqual(layers("ethernet()"), [
    {
      type: "ethernet",
      dst: "ff:ff:ff:ff:ff:ff",
      src: "00:00:00:00:00:00",
      ethertype: 0x0800,
      padding: new Uint8Array(46),
    },
  ]);
  const [, ip, tcp] = layers("ethernet()", "ipv4()", "tcp()");
  assert.deepEqual(
    { ...ip, options: undefined },
    {
      type: "ipv4",
      version: 4,
      ihl: 5,
      dscp: 0,
      ecn: 0,
      totalLength: undefined,
      identification: 0,
      flags: 0,
      fragmentOffset: 0,
      ttl: 255,
      protocol: 0,
      src: "10.0.0.1",
      dst: "10.0.0.2",
      options: undefined,
    },
  );
  assert.equal(tcp.type, "tcp");
  if (tcp.type === "tcp") {
    assert.deepEqual([tcp.srcPort, tcp.dstPort, tcp.flags, tcp.window, tcp.dataOffset], [
      1,
      1,
      0,
      0,
      5,
    ]);
    assert.equal(typeof tcp.checksum, "number");
  }
  const [, v6] = layers("ethernet(ethertype=0x86dd)", "ipv6()");
  assert.deepEqual(
    v6,
    {
      type: "ipv6",
      version: 6,
      dscp: 0,
      ecn: 0,
      flowLabel: 0,
      payloadLength: undefined,
      nextHeader: 6,
      hopLimit: 255,
      src: "10::10",
      dst: "20::20",
    },
  );
  assert.deepEqual(layers("mpls()")[0], { type: "mpls", label: 0, tc: 0, bos: true, ttl: 255 });
  assert.deepEqual(layers("svlan()")[0], {
    type: "svlan",
    pcp: 0,
    dei: false,
    vid: 0,
    ethertype: 0x8100,
  });
  assert.deepEqual(layers("itag(uca=1, sid=100)")[0], {
    type: "itag",
    pcp: 0,
    dei: false,
    uca: true,
    reserved: 0,
    isid: 100,
  });
  const [, arp] = layers("ethernet(ethertype=2054)", "arp()");
  assert.deepEqual(
    arp,
    {
      type: "arp",
      hwType: 1,
      protoType: 0x0800,
      hwLen: 6,
      protoLen: 4,
      opcode: 1,
      srcMac: "ff:ff:ff:ff:ff:ff",
      srcIp: "0.0.0.0",
      dstMac: "ff:ff:ff:ff:ff:ff",
      dstIp: "0.0.0.0",
    },
  );
});

Deno.test("tos and traffic_class split into DSCP and ECN; tcp option padded; layers join with /", () => {
  const l = layers(
    "ethernet(dst='22:22:22:22:22:22', src='12:11:11:11:11:11', ethertype=2048)/ipv4(tos=65, proto=6)",
    "tcp(option=bytes(b'\\x01' * 3))",
  );
  assert.equal(l.length, 3);
  const ip = l[1] as { dscp: number; ecn: number };
  assert.deepEqual([ip.dscp, ip.ecn], [16, 1]);
  const tcp = l[2] as { options: Uint8Array; dataOffset: number };
  assert.deepEqual(tcp.options, Uint8Array.of(1, 1, 1, 0));
  assert.equal(tcp.dataOffset, 6);
});

Deno.test("frames are padded to 60 bytes the way Ryu pads (per Ethernet header, innermost first)", () => {
  assert.equal(frame("ethernet()").length, 60);
  const arp = frame("ethernet(ethertype=2054)", "arp()");
  assert.equal(arp.length, 60);
  assert.deepEqual(arp.subarray(42), new Uint8Array(18));
  // PBB: the inner Ethernet header pads its 28-byte ARP payload to 46, then the outer one
  // has 4 + 14 + 46 bytes and adds nothing.
  const pbb = frame(
    "ethernet(ethertype=0x88e7)",
    "itag(sid=1)",
    "ethernet(ethertype=2054)",
    "arp()",
  );
  assert.equal(pbb.length, 14 + 4 + 14 + 46);
  // A frame above 60 bytes is not padded.
  assert.equal(frame("ethernet()", "b'\\x00' * 50").length, 64);
});

Deno.test("checksums follow Ryu: the IP header's own protocol in the pseudo-header", () => {
  // ipv4(proto=17) over a TCP header (Ryu's IP_PROTO patterns): Ryu sums the pseudo-header
  // with protocol 17, so the TCP checksum differs from the one for protocol 6.
  const ryu = RyuPacket.parse(["ethernet()", "ipv4(proto=17)", "tcp()"]).layers();
  const correct = build(ryu.map((l) => (l.type === "tcp" ? { ...l, checksum: undefined } : l)));
  const mine = build(ryu);
  assert.notDeepEqual(mine.subarray(50, 52), correct.subarray(50, 52));
  // With proto=6 the two agree.
  const six = RyuPacket.parse(["ethernet()", "ipv4(proto=6)", "tcp()"]).layers();
  assert.deepEqual(
    build(six),
    build(six.map((l) => (l.type === "tcp" ? { ...l, checksum: undefined } : l))),
  );
});

Deno.test("ICMP and ICMPv6 bodies as Ryu writes them", () => {
  const [, , icmp, data] = layers(
    "ethernet()",
    "ipv4(proto=1)",
    "icmp(code=0,csum=0,data=echo(id_=7, seq=9, data=b'\\x01\\x23'),type_=8)",
  );
  assert.deepEqual({ ...icmp, checksum: 0 }, {
    type: "icmp",
    icmpType: 8,
    code: 0,
    checksum: 0,
    identifier: 7,
    sequence: 9,
  });
  assert.deepEqual(data, { type: "raw", data: Uint8Array.of(0x01, 0x23) });
  const [, , unreach] = layers(
    "ethernet()",
    "ipv4(proto=1)",
    "icmp(type_=3, code=1, data=dest_unreach(data_len=5, mtu=1500, data=b'x'))",
  );
  assert.equal((unreach as { rest: number }).rest, (5 << 16) | 1500);
  const [, , ns] = layers(
    "ethernet(ethertype=0x86dd)",
    "ipv6(nxt=58)",
    "icmpv6(code=0,data=nd_neighbor(option=nd_option_sla(hw_src='12:11:11:11:11:11'),dst='20::20'),type_=135)",
  );
  assert.equal(ns.type, "icmpv6");
  if (ns.type === "icmpv6") {
    assert.equal(ns.target, "20:0:0:0:0:0:0:20");
    assert.deepEqual(ns.options, [{ optionType: 1, mac: "12:11:11:11:11:11" }]);
  }
  // Echo data under type 135 (Ryu allows it): the message travels as raw bytes, checksummed.
  const odd = layers(
    "ethernet(ethertype=0x86dd)",
    "ipv6(nxt=58)",
    "icmpv6(type_=135, data=icmpv6echo(id_=1, seq=2))",
  );
  const body = odd[2] as { type: string; data: Uint8Array };
  assert.equal(body.type, "raw");
  assert.deepEqual([...body.data.subarray(0, 2), ...body.data.subarray(4)], [135, 0, 0, 1, 0, 2]);
  assert.notEqual((body.data[2] << 8) | body.data[3], 0);
});

Deno.test("randint takes the given random source; the packet says it is randomized", () => {
  const p = RyuPacket.parse([
    "ethernet(dst=netaddr.EUI(randint(0, 2 ** 48 - 1)), ethertype=2048)",
    "ipv4(proto=6, src=netaddr.IPAddress(randint(0, 2 ** 32 - 1)))",
    "tcp(dst_port=randint(0, 2 ** 16 - 1))",
  ]);
  assert.equal(p.randomized, true);
  assert.equal(RyuPacket.parse(["ethernet()"]).randomized, false);
  const l = p.layers({ randint: (_lo, hi) => hi });
  assert.equal((l[0] as { dst: string }).dst, "ff:ff:ff:ff:ff:ff");
  assert.equal((l[1] as { src: string }).src, "255.255.255.255");
  assert.equal((l[2] as { dstPort: number }).dstPort, 65535);
  const seen = new Set<number>();
  for (let i = 0; i < 20; i++) seen.add((p.layers()[2] as { dstPort: number }).dstPort);
  assert.ok(seen.size > 1, "the default source draws different values");
});

Deno.test("errors name the file, test, path and column", () => {
  fails(["ethernt()"], 1, /Unknown name "ethernt"/);
  fails(["ethernet()", "ipv4(tos=32, prot=6)"], 14, /ipv4\(\) has no argument "prot"/, 1);
  fails(
    ["ethernet(dst='22:22:22:22:22')"],
    14,
    /Expected ethernet\(dst=\.\.\.\) to be a MAC address/,
  );
  fails(["vlan(vid=4096)"], 10, /to be an int from 0 to 4095, got 4096/);
  fails(["b'\\x0g'"], 3, /Expected two hex digits after \\x, got "0g"/);
  fails(["ethernet(dst='22)"], 14, /Unterminated string literal/);
  fails(["ethernet(dst=1 2)"], 16, /Expected "\)", got number 2/);
  fails(["ethernet() / 3"], 1, /Unsupported operand types for \/: ethernet and int/);
  fails(["1.5"], 1, /only integers are supported/);
  fails(["echo()"], 1, /Expected a protocol, got echo\(\)/);
  fails(["ethernet()", "tcp()"], 1, /right after ipv4\(\) or ipv6\(\)/, 1);
  fails(["ethernet()", "ipv4()", "udp()", "tcp()"], 1, /Expected only bytes after udp\(\)/, 3);
  fails(["bytes(b'\\x00' * 2 ** 21)"], 7, /Repetition makes more than/);
  fails(["__import__('os')"], 1, /Unknown name "__import__"/);
});
