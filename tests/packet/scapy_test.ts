// The packet library against scapy (Debian's python3-scapy): for >= 1,000 generated frames,
// our build of the fields equals scapy's bytes, and our parse of scapy's bytes equals scapy's
// dissection, layer by layer and field by field. scapy_peer.py runs once for all frames.
import assert from "node:assert/strict";
import { build, hexdumpSideBySide, type Layer, parse } from "../../src/packet/mod.ts";
import { peerTest } from "../_util/peers.ts";
import { type GeneratedFrame, generateFrames } from "./_generate.ts";
import { fromHex, revive, scapy, stringify, toHex, withDefaults } from "./_scapy.ts";

const SEED = 0x5ca9;
const COUNT = 1200;

type Result = { hex: string; layers: Layer[] } | { error: string };

/** Where two layer lists differ (assert's message), or "" when they are equal. */
function compareLayers(ours: Layer[], theirs: Layer[]): string {
  try {
    assert.deepStrictEqual(revive<unknown>(stringify(ours)), revive<unknown>(stringify(theirs)));
    return "";
  } catch (e) {
    return (e as Error).message.split("\n").slice(0, 40).join("\n");
  }
}

/** The frames where our build or parse disagrees with scapy's result, described. */
function disagreements(frames: GeneratedFrame[], results: Result[]): string[] {
  const failures: string[] = [];
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i], r = results[i];
    if ("error" in r) {
      failures.push(`frame ${i} (${f.name}): scapy could not build it: ${r.error}`);
      continue;
    }
    const ours = build(f.layers, { pad: f.pad });
    const theirs = fromHex(r.hex);
    if (toHex(ours) !== r.hex) {
      failures.push(
        `frame ${i} (${f.name}): our build differs\n${hexdumpSideBySide(theirs, ours)}`,
      );
      continue;
    }
    const why = compareLayers(parse(theirs), r.layers);
    if (why !== "") failures.push(`frame ${i} (${f.name}): our parse differs\n${why}`);
  }
  return failures;
}

/** How many frames have each feature the generator must cover. */
function coverage(frames: GeneratedFrame[]): Record<string, number> {
  const count = (p: (l: Layer[]) => boolean) => frames.filter((f) => p(f.layers)).length;
  const n = (ls: Layer[], ...types: string[]) => ls.filter((l) => types.includes(l.type)).length;
  return {
    stackedTags: count((ls) => n(ls, "vlan", "svlan") >= 2),
    mplsStacks: count((ls) => n(ls, "mpls") >= 2),
    pbb: count((ls) => n(ls, "itag") >= 1),
    ipv4Options: count((ls) => ls.some((l) => l.type === "ipv4" && (l.options?.length ?? 0) > 0)),
    ipv6ExtensionChains: count((ls) => n(ls, "hopopts", "routing", "fragment", "dstopts") >= 2),
    neighborDiscovery: count((ls) =>
      ls.some((l) => l.type === "icmpv6" && (l.options?.length ?? 0) > 0)
    ),
    tcpOptions: count((ls) => ls.some((l) => l.type === "tcp" && (l.options?.length ?? 0) > 0)),
    sctpChunks: count((ls) => ls.some((l) => l.type === "sctp" && (l.chunks?.length ?? 0) > 1)),
    llc: count((ls) => n(ls, "llc") >= 1),
    arp: count((ls) => n(ls, "arp") >= 1),
    explicitChecksums: count((ls) => ls.some((l) => "checksum" in l)),
  };
}

peerTest(
  `scapy: build and parse agree with scapy on ${COUNT} generated frames`,
  ["scapy"],
  async (t) => {
    const frames = generateFrames(SEED, COUNT);
    const { results } = await scapy<{ results: Result[] }>({
      mode: "frames",
      frames: frames.map((f) => ({ layers: withDefaults(f.layers), pad: f.pad })),
    });
    assert.equal(results.length, frames.length);

    await t.step("every frame agrees", () => {
      const failures = disagreements(frames, results);
      assert.deepEqual(
        failures.slice(0, 5),
        [],
        `${failures.length} of ${frames.length} frames differ`,
      );
    });

    await t.step("the frames cover every layer and combination", () => {
      const types = new Set(frames.flatMap((f) => f.layers.map((l) => l.type)));
      assert.deepEqual([...types].sort(), [
        "arp",
        "dstopts",
        "ethernet",
        "fragment",
        "hopopts",
        "icmp",
        "icmpv6",
        "ipv4",
        "ipv6",
        "itag",
        "llc",
        "mpls",
        "raw",
        "routing",
        "sctp",
        "svlan",
        "tcp",
        "udp",
        "vlan",
      ]);
      for (const [feature, n] of Object.entries(coverage(frames))) {
        assert.ok(n >= 10, `only ${n} frames with ${feature}`);
      }
      const icmpv6Types = new Set(
        frames.flatMap((f) => f.layers.flatMap((l) => l.type === "icmpv6" ? [l.icmpType] : [])),
      );
      for (const t of [128, 129, 133, 134, 135, 136]) {
        assert.ok(icmpv6Types.has(t), `no ICMPv6 type ${t}`);
      }
    });

    await t.step("the comparison fails on a different byte or field", () => {
      const k = frames.findIndex((f) =>
        f.name.includes("ipv4/tcp") && "hex" in results[frames.indexOf(f)]
      );
      const good = results[k] as { hex: string; layers: Layer[] };
      // One byte of scapy's frame changed: our build no longer equals it.
      const byte = fromHex(good.hex);
      byte[byte.length - 1] ^= 0xff;
      const badBytes = [{ hex: toHex(byte), layers: good.layers }];
      assert.match(disagreements([frames[k]], badBytes).join(), /our build differs/);
      // One field of scapy's dissection changed: our parse no longer equals it.
      const layers = structuredClone(good.layers);
      const ip = layers.find((l) => l.type === "ipv4") as { ttl: number };
      ip.ttl = (ip.ttl + 1) & 0xff;
      assert.match(
        disagreements([frames[k]], [{ hex: good.hex, layers }]).join(),
        /our parse differs/,
      );
      assert.deepEqual(disagreements([frames[k]], [good]), []);
    });
  },
);
