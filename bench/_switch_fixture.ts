// The flow table used by the switch's benchmarks: 10,000 flows the way a controller writes
// them (exact in_port + IPv4 destination per host, /24 routes, a few ACLs on TCP ports, a
// table-miss flow), keys that hit each kind, and the baseline a naive switch would use: a
// linear scan of every flow in priority order.
import { FlowEntry } from "../src/switch/_flow_entry.ts";
import { FlowTable } from "../src/switch/_flow_table.ts";
import { extractKey, newKey } from "../src/switch/_key.ts";
import { compileOxm } from "../src/switch/_match.ts";
import { actionsProgram } from "../src/switch/_program.ts";
import { of13 } from "../src/ofp/mod.ts";
import { build } from "../src/packet/mod.ts";
import type { MatchSpec } from "../src/ofp/mod.ts";

/** A deterministic generator (xorshift32). */
export function prng(seed = 0x9e3779b9): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const ip = (n: number) => `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;

/** The flows, highest priority first, and the table holding them. */
export interface Fixture {
  table: FlowTable;
  /** Every entry, sorted by falling priority (the linear scan's order). */
  sorted: FlowEntry[];
  /** Lookup keys (hits of every kind and misses). */
  keys: Int32Array[];
}

/** Builds the table and `nKeys` keys. */
export function fixture(nFlows = 10_000, nKeys = 1000): Fixture {
  const table = new FlowTable(0, 1_000_000);
  const entries: FlowEntry[] = [];
  const add = (priority: number, spec: MatchSpec) => {
    const e = new FlowEntry({
      tableId: 0,
      priority,
      cookie: 0n,
      idleTimeout: 0,
      hardTimeout: 0,
      flags: 0,
      match: compileOxm(of13.match(spec)),
      program: actionsProgram([{ k: "output", port: 2, maxLen: 0 }]),
      wire: { version: 4, match: [], instructions: [] },
    }, 0);
    table.add(e);
    entries.push(e);
  };
  const hosts = nFlows - 300;
  for (let i = 0; i < hosts; i++) {
    add(300, { in_port: 1 + (i % 4), eth_type: 0x0800, ipv4_dst: ip(i) });
  }
  for (let i = 0; i < 250; i++) {
    add(200, { eth_type: 0x0800, ipv4_dst: [ip(i << 8), "255.255.255.0"] });
  }
  for (let i = 0; i < 49; i++) add(400 + i, { eth_type: 0x0800, ip_proto: 6, tcp_dst: 1000 + i });
  add(0, {});
  const sorted = [...entries].sort((a, b) => b.priority - a.priority);
  const rnd = prng();
  const keys: Int32Array[] = [];
  for (let i = 0; i < nKeys; i++) {
    const kind = rnd();
    const host = Math.floor(rnd() * hosts);
    const frame = build([
      { type: "ethernet" },
      { type: "ipv4", src: "192.168.0.1", dst: kind < 0.8 ? ip(host) : ip((1 << 20) + host) },
      { type: "tcp", dstPort: kind > 0.95 ? 1000 + (host % 49) : 80 },
    ]);
    const key = newKey();
    key[0] = 1 + (host % 4);
    extractKey(frame, key);
    keys.push(key);
  }
  return { table, sorted, keys };
}

/** The baseline: the first flow in priority order whose match accepts the key. */
export function linearLookup(sorted: readonly FlowEntry[], key: Int32Array): FlowEntry | undefined {
  for (let i = 0; i < sorted.length; i++) if (sorted[i].match.matches(key)) return sorted[i];
  return undefined;
}
