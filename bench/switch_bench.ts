// The reference switch's hot paths against baselines in the same run:
// - flow-table lookup among 10,000 flows (tuple space search) against a linear scan in
//   priority order, the way a naive switch finds the highest-priority match;
// - lookup-key extraction from frame bytes against the packet library's full `parse`.
// Each bench runs the operation N times per iteration. Run: deno bench bench/switch_bench.ts
import { extractKey, newKey } from "../src/switch/_key.ts";
import { build, parse } from "../src/packet/mod.ts";
import { fixture, linearLookup } from "./_switch_fixture.ts";

const { table, sorted, keys } = fixture(10_000, 1000);
// Both must find the same flows, or the comparison means nothing.
for (const k of keys) {
  if (table.lookup(k) !== linearLookup(sorted, k)) {
    throw new Error("lookup and linear scan disagree");
  }
}

Deno.bench(
  { group: "lookup, 10,000 flows", name: "linear scan (baseline)", baseline: true, n: 20 },
  () => {
    for (let i = 0; i < 100; i++) linearLookup(sorted, keys[i]);
  },
);
Deno.bench({ group: "lookup, 10,000 flows", name: "FlowTable.lookup" }, () => {
  for (let i = 0; i < 100; i++) table.lookup(keys[i]);
});

const frames = [
  build([{ type: "ethernet" }, { type: "ipv4" }, { type: "tcp" }, {
    type: "raw",
    data: new Uint8Array(20),
  }]),
  build([{ type: "ethernet" }, { type: "vlan", vid: 5 }, { type: "ipv6" }, { type: "udp" }, {
    type: "raw",
    data: new Uint8Array(20),
  }]),
  build([{ type: "ethernet" }, { type: "arp" }], { pad: true }),
];
const N = 1000;
const key = newKey();
Deno.bench({
  group: "key from frame bytes",
  name: "packet library parse (baseline)",
  baseline: true,
}, () => {
  for (let i = 0; i < N; i++) parse(frames[i % 3]);
});
Deno.bench({ group: "key from frame bytes", name: "extractKey" }, () => {
  for (let i = 0; i < N; i++) extractKey(frames[i % 3], key);
});
