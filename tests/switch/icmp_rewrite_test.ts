// Set-field of an ICMP or ICMPv6 type or code changes that byte and the checksum, and nothing
// else: the rest of the message stays as it came, whatever the new type's layout would be
// (1.3.5 §7.2.5: the Set-Field action overwrites the header field and recalculates the
// checksum). Found by the differential run against Open vSwitch (docs/differential.md).
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import { build, internetChecksum, type Layer } from "../../src/packet/mod.ts";
import { rig } from "./_rig.ts";
import type { MatchSpec } from "../../src/ofp/mod.ts";

const eth: Layer = { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" };
const body: Layer = { type: "raw", data: Uint8Array.from({ length: 36 }, (_, i) => i + 1) };
const ECHO4 = build([
  eth,
  { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 },
  { type: "icmp", icmpType: 8, identifier: 0x0102, sequence: 0x0304 },
  body,
]);
const ECHO6 = build([
  eth,
  { type: "ipv6", src: "2001:db8::1", dst: "2001:db8::2", hopLimit: 64 },
  { type: "icmpv6", icmpType: 128, identifier: 0x0102, sequence: 0x0304 },
  body,
]);
const ICMP4_AT = 14 + 20, ICMP6_AT = 14 + 40;

/** The frame with bytes changed and the ICMP checksum computed from scratch. */
function expected(frame: Uint8Array, at: number, v6: boolean, type: number, code: number) {
  const out = frame.slice();
  out[at] = type;
  out[at + 1] = code;
  out[at + 2] = out[at + 3] = 0;
  const msg = out.subarray(at);
  let pseudo = 0;
  if (v6) {
    // Source and destination addresses, upper-layer length, next header 58 (RFC 8200 §8.1).
    for (let i = 22; i < 54; i += 2) pseudo += (out[i] << 8) | out[i + 1];
    pseudo += msg.length + 58;
  }
  const sum = internetChecksum(msg, pseudo);
  out[at + 2] = sum >> 8;
  out[at + 3] = sum & 0xff;
  return out;
}

Deno.test("icmp rewrite: the reference frames change type, code and checksum only", () => {
  // The reference the switch is held to must itself be right.
  const e = expected(ECHO4, ICMP4_AT, false, 13, 1);
  const changed = [...e.keys()].filter((i) => e[i] !== ECHO4[i]);
  assert.ok(changed.every((i) => i >= ICMP4_AT && i < ICMP4_AT + 4), `changed: ${changed}`);
  assert.ok(changed.includes(ICMP4_AT) && changed.includes(ICMP4_AT + 1));
  // Unchanged type and code give back the checksums the packet library computed.
  assert.deepEqual(expected(ECHO4, ICMP4_AT, false, 8, 0), ECHO4);
  assert.deepEqual(expected(ECHO6, ICMP6_AT, true, 128, 0), ECHO6);
  assert.notDeepEqual(expected(ECHO6, ICMP6_AT, true, 135, 0), ECHO6);
});

const cases: [string, Uint8Array, number, boolean, MatchSpec, [number, number]][] = [
  // Echo request to timestamp request: the echo's identifier and sequence stay as bytes.
  ["icmpv4_type and icmpv4_code", ECHO4, ICMP4_AT, false, { eth_type: 0x0800, ip_proto: 1 }, [
    13,
    1,
  ]],
  // Echo request to neighbor solicitation: the echo's bytes are not read as a target.
  ["icmpv6_type (echo to NS)", ECHO6, ICMP6_AT, true, { eth_type: 0x86dd, ip_proto: 58 }, [
    135,
    0,
  ]],
  ["icmpv6_type and icmpv6_code", ECHO6, ICMP6_AT, true, { eth_type: 0x86dd, ip_proto: 58 }, [
    1,
    4,
  ]],
];

Deno.test("icmp rewrite: set-field of the type and code leaves the rest of the message", async (t) => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  for (const [name, frame, at, v6, match, [type, code]] of cases) {
    await t.step(name, async () => {
      const f = v6 ? "icmpv6" : "icmpv4";
      await r.apply(
        of13.flowDeleteAll(),
        of13.flowMod({
          match: of13.match({ in_port: 1, ...match }),
          instructions: [of13.applyActions([
            of13.setField(`${f}_type`, type),
            of13.setField(`${f}_code`, code),
            of13.output(2),
          ])],
        }),
      );
      await r.link.send(1, frame);
      const out = await r.frames.wait(2);
      assert.equal(out.length, 1, "one frame out of port 2");
      assert.deepEqual(out[0], expected(frame, at, v6, type, code));
    });
  }
});
