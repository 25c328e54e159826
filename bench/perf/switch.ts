// `deno task perf --only switch`: the reference switch's flow-table lookup and forwarding
// rates, each against a baseline measured in the same run.
import { Controller } from "../../src/controller/mod.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { build } from "../../src/packet/mod.ts";
import { ReferenceSwitch } from "../../src/switch/mod.ts";
import { fixture, linearLookup } from "../_switch_fixture.ts";

/** One row of the perf table. */
export interface SwitchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  target?: string;
  bound?: string;
}

function rate(n: number, run: () => void): number {
  const t0 = performance.now();
  run();
  return n / ((performance.now() - t0) / 1000);
}

/** Lookups per second among 10,000 flows, against a linear scan. */
function lookup(quick: boolean, progress: (s: string) => void): SwitchResult {
  progress("switch: flow-table lookup among 10,000 flows, linear scan first");
  const { table, sorted, keys } = fixture(10_000, 1000);
  const scanN = quick ? 200 : 1000;
  linearLookup(sorted, keys[0]);
  const scan = rate(scanN, () => {
    for (let i = 0; i < scanN; i++) linearLookup(sorted, keys[i % keys.length]);
  });
  const n = quick ? 200_000 : 2_000_000;
  for (let i = 0; i < 10_000; i++) table.lookup(keys[i % keys.length]); // warm up
  const ours = rate(n, () => {
    for (let i = 0; i < n; i++) table.lookup(keys[i % keys.length]);
  });
  return {
    name: "switch: flow-table lookup, 10,000 flows",
    value: ours,
    unit: "lookups/s",
    baseline: "linear scan in priority order, same flows and keys",
    baselineValue: scan,
    ratio: ours / scan,
    target: "ratio ≥ 100",
    bound: "CPU: one thread (a hash probe per mask shape)",
  };
}

/** Frames per second through the switch's FrameLink, flows installed by a Controller. */
async function forwarding(quick: boolean, progress: (s: string) => void): Promise<SwitchResult[]> {
  const n = quick ? 20_000 : 200_000;
  const frame = build([
    { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" },
    { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
    { type: "udp" },
    { type: "raw", data: new Uint8Array(60) },
  ]);
  // Baseline: a wire — a link whose send hands the frame (copied, as the contract says) to
  // the other port's receiver, driven by the same awaited loop.
  progress(`switch: forwarding ${n.toLocaleString()} frames, a bare wire first`);
  let got = 0;
  const sinks = new Map<number, (p: number, f: Uint8Array) => void>([[2, () => got++]]);
  const wire = {
    send(_port: number, f: Uint8Array): Promise<void> {
      sinks.get(2)!(2, f.slice());
      return Promise.resolve();
    },
  };
  const t0w = performance.now();
  for (let i = 0; i < n; i++) await wire.send(1, frame);
  const bare = n / ((performance.now() - t0w) / 1000);
  if (got !== n) throw new Error("forwarding: the wire lost frames");
  await using controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    versions: [4],
  });
  const [{ port }] = await controller.listening;
  await using sw = await ReferenceSwitch.start({ controller: `tcp:127.0.0.1:${port}`, ports: 4 });
  const conn = await controller.connect({ timeout: 10_000 });
  progress("switch: installing 10,000 flows through the Controller");
  for (let i = 0; i < 9_998; i++) {
    conn.send(of13.flowMod({
      priority: 100,
      match: of13.match({ in_port: 3, eth_type: 0x0800, ipv4_dst: `10.1.${i >> 8}.${i & 0xff}` }),
      instructions: [of13.applyActions([of13.output(4)])],
    }));
  }
  conn.send(
    of13.flowMod({
      priority: 10,
      match: of13.match({ in_port: 1 }),
      instructions: [of13.applyActions([of13.output(2)])],
    }),
  );
  conn.send(of13.flowMod({
    priority: 10,
    match: of13.match({ in_port: 2, eth_type: 0x0800 }),
    instructions: [
      of13.applyActions([of13.setField("ipv4_dst", "10.9.9.9"), of13.decNwTtl(), of13.output(1)]),
    ],
  }));
  await conn.barrier({ timeout: 60_000 });
  const link = sw.frameLink();
  let out = 0;
  await link.open(() => out++);
  const run = async (inPort: number, count: number) => {
    const t = performance.now();
    for (let i = 0; i < count; i++) await link.send(inPort, frame);
    return count / ((performance.now() - t) / 1000);
  };
  await run(1, 2000);
  progress("switch: forwarding, output only");
  const plain = await run(1, n);
  progress("switch: forwarding, set-field + dec_nw_ttl (packet library rewrite)");
  const rewrite = await run(2, Math.floor(n / 4));
  await link.close();
  if (out !== 2000 + n + Math.floor(n / 4)) throw new Error(`forwarding: ${out} frames came out`);
  return [
    {
      name: "switch: forwarding, output only (10,000 flows installed)",
      value: plain,
      unit: "frames/s",
      baseline: "a bare wire: same awaited send, port lookup, copy out",
      baselineValue: bare,
      ratio: plain / bare,
      target: "ratio ≥ 0.3",
      bound: "CPU: one thread (the awaited send loop and the pipeline)",
    },
    {
      name: "switch: forwarding, set-field ipv4_dst + dec_nw_ttl",
      value: rewrite,
      unit: "frames/s",
      baseline: "a bare wire: same awaited send, port lookup, copy out",
      baselineValue: bare,
      ratio: rewrite / bare,
      bound: "CPU: one thread (the packet library's parse and rebuild)",
    },
  ];
}

/** Every switch row. */
export async function switchPerf(
  quick: boolean,
  progress: (s: string) => void,
): Promise<SwitchResult[]> {
  return [lookup(quick, progress), ...(await forwarding(quick, progress))];
}
