// 200 of the packets written in Ryu's pattern files, built by our reader and by an
// independent oracle (Ryu's classes as small Python functions with Ryu's defaults, over
// scapy, in one Python process): the frames must be equal byte for byte.
import assert from "node:assert/strict";
import { DEBIAN_PYTHON, peerTest, RYU_TESTS_DIR } from "../_util/peers.ts";
import { readPatternFile, type RyuPacket } from "../../src/ryu/mod.ts";
import { patternFiles } from "./_files.ts";

const ORACLE = new URL("./scapy_ryu_oracle.py", import.meta.url).pathname;
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** Every distinct packet of every file (each is a list of expressions). */
async function distinctPackets(): Promise<Map<string, RyuPacket>> {
  const out = new Map<string, RyuPacket>();
  for (const f of await patternFiles(RYU_TESTS_DIR)) {
    for (const t of (await readPatternFile(f)).tests) {
      for (const p of t.tests) {
        const packets = p.kind === "egress"
          ? [p.ingress, p.egress]
          : p.kind === "packet-in"
          ? [p.ingress, p.packetIn]
          : [p.ingress];
        for (const pk of packets) out.set(JSON.stringify(pk.sources), pk);
      }
    }
  }
  return out;
}

/**
 * A deterministic sample of `n`: first one packet of each shape (the sequence of classes),
 * so every kind of layer stack is in it, then the rest in a fixed pseudo-random order.
 */
function sample(keys: string[], n: number): string[] {
  const shape = (k: string) =>
    (JSON.parse(k) as string[]).map((s) => /^\s*(\w+)/.exec(s)?.[1] ?? "?").join("/");
  const picked: string[] = [];
  const shapes = new Set<string>();
  for (const k of [...keys].sort()) {
    if (!shapes.has(shape(k))) {
      shapes.add(shape(k));
      picked.push(k);
    }
  }
  // A fixed order: sort by a 32-bit FNV-1a hash of the text.
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  const rest = keys.filter((k) => !picked.includes(k)).sort((a, b) => fnv(a) - fnv(b));
  return [...picked, ...rest].slice(0, n);
}

peerTest(
  "Ryu packet expressions: 200 frames equal the scapy oracle's byte for byte",
  ["ryu-switch-tests", "scapy"],
  async () => {
    const packets = await distinctPackets();
    const keys = sample([...packets.keys()], 200);
    assert.equal(keys.length, 200, `expected 200 distinct packets, the files have ${packets.size}`);
    const child = new Deno.Command(DEBIAN_PYTHON, {
      args: [ORACLE],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(JSON.stringify(keys.map((k) => JSON.parse(k)))));
    await writer.close();
    const { code, stdout, stderr } = await child.output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const frames = JSON.parse(new TextDecoder().decode(stdout)) as {
      hex?: string;
      error?: string;
    }[];
    assert.equal(frames.length, keys.length);
    const mismatches: string[] = [];
    keys.forEach((k, i) => {
      // randint gives its upper bound on both sides.
      const mine = hex(packets.get(k)!.frame({ randint: (_lo, hi) => hi }));
      if (frames[i].hex !== mine) {
        mismatches.push(`${k}\n  scapy ${frames[i].hex ?? frames[i].error}\n  ours  ${mine}`);
      }
    });
    assert.deepEqual(mismatches, []);
  },
);

peerTest(
  "the scapy cross-check fails on a wrong frame (the oracle is not a tautology)",
  ["scapy"],
  async () => {
    const child = new Deno.Command(DEBIAN_PYTHON, {
      args: [ORACLE],
      stdin: "piped",
      stdout: "piped",
    })
      .spawn();
    const writer = child.stdin.getWriter();
    const exprs = [["ethernet(dst='22:22:22:22:22:22', ethertype=2048)", "ipv4(proto=6)", "tcp()"]];
    await writer.write(new TextEncoder().encode(JSON.stringify(exprs)));
    await writer.close();
    const [{ hex: theirs }] = JSON.parse(new TextDecoder().decode((await child.output()).stdout));
    const { RyuPacket } = await import("../../src/ryu/mod.ts");
    const good = RyuPacket.parse(exprs[0]).frame();
    assert.equal(theirs, hex(good));
    // Ryu's default TTL is 255: a reader defaulting to 64 would be caught.
    const wrong = RyuPacket.parse([exprs[0][0], "ipv4(proto=6, ttl=64)", "tcp()"]).frame();
    assert.notEqual(theirs, hex(wrong));
  },
);
