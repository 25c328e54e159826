// `deno task perf --only codec,packet`: the codec against python3-openflow and the packet
// library against scapy, each timed in its own loop over the same bytes (checked to
// round-trip on both sides).
import { decode, encode, of13 } from "../../src/ofp/mod.ts";
import { build, parse } from "../../src/packet/mod.ts";
import { PACKET_FRAMES } from "../_packet_frames.ts";
import { packetIn13 } from "./_frames.ts";
import { type Result, within } from "./_harness.ts";

/** `encode(decode(bytes))` of three messages against python3-openflow. */
export async function codecPeer(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const results: Result[] = [];
  const record = (r: Result) => results.push(r);
  const n = quick ? 20_000 : 100_000;
  const msgs: Record<string, Uint8Array> = {
    "packet-in": packetIn13(1),
    "flow-mod": encode(
      of13.flowMod({
        xid: 2,
        match: of13.match({ in_port: 1, eth_type: 0x0800, ipv4_dst: "10.0.0.1" }),
        instructions: [of13.applyActions([of13.output(2)])],
      }),
    ),
    "echo-request": encode(of13.echoRequest(new Uint8Array([1, 2, 3, 4]))),
  };
  progress(`codec vs python3-openflow: ${n} decode+encode of each message`);
  const py = new Deno.Command("/usr/bin/python3", {
    args: [
      new URL("./peers/pyof_codec.py", import.meta.url).pathname,
      String(Math.max(1000, n / 10)),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = py.stdin.getWriter();
  await w.write(
    new TextEncoder().encode(
      JSON.stringify(
        Object.fromEntries(
          Object.entries(msgs).map(([k, v]) => [
            k,
            Array.from(v, (b) => b.toString(16).padStart(2, "0")).join(""),
          ]),
        ),
      ),
    ),
  );
  await w.close();
  const out = await within(py.output(), 300_000, "the python peer").catch((e) => {
    py.kill();
    throw e;
  });
  if (!out.success) throw new Error(`python3-openflow: ${new TextDecoder().decode(out.stderr)}`);
  const theirs = JSON.parse(new TextDecoder().decode(out.stdout)) as Record<string, number>;
  for (const [name, bytes] of Object.entries(msgs)) {
    let sink = 0;
    const t = performance.now();
    for (let i = 0; i < n; i++) sink += encode(decode(bytes)).length;
    const ours = n / ((performance.now() - t) / 1000);
    if (sink !== n * bytes.length) throw new Error("codec: re-encoding changed the length");
    record({
      name: `codec decode+encode ${name}`,
      value: ours,
      unit: "ops/s",
      baseline: "python3-openflow (pyof)",
      baselineValue: theirs[name],
      ratio: ours / theirs[name],
      bound: "CPU: one thread each (its own loop, no I/O)",
    });
  }
  return results;
}

/** `build()` and `parse()` of the packet frames against scapy. */
export async function packetPeer(quick: boolean, progress: (s: string) => void): Promise<Result[]> {
  const results: Result[] = [];
  const record = (r: Result) => results.push(r);
  const n = quick ? 20_000 : 100_000;
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  progress(`packets vs scapy: ${n} builds and parses of each frame`);
  const py = new Deno.Command("/usr/bin/python3", {
    args: [
      new URL("./peers/scapy_packets.py", import.meta.url).pathname,
      String(Math.max(1000, n / 20)),
    ],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = py.stdin.getWriter();
  const bytes = Object.fromEntries(Object.entries(PACKET_FRAMES).map(([k, v]) => [k, build(v)]));
  await w.write(
    new TextEncoder().encode(
      JSON.stringify(Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, hex(v)]))),
    ),
  );
  await w.close();
  const out = await within(py.output(), 300_000, "the python peer").catch((e) => {
    py.kill();
    throw e;
  });
  if (!out.success) throw new Error(`scapy: ${new TextDecoder().decode(out.stderr)}`);
  const theirs = JSON.parse(new TextDecoder().decode(out.stdout)) as Record<
    string,
    { build: number; parse: number }
  >;
  for (const [name, layers] of Object.entries(PACKET_FRAMES)) {
    let sink = 0;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += build(layers).length;
    const t1 = performance.now();
    for (let i = 0; i < n; i++) sink += parse(bytes[name]).length;
    const t2 = performance.now();
    if (sink !== n * (bytes[name].length + layers.length)) {
      throw new Error("packets: a round trip changed");
    }
    for (const [op, ms] of [["build", t1 - t0], ["parse", t2 - t1]] as const) {
      const ours = n / (ms / 1000);
      record({
        name: `packet ${op} ${name}`,
        value: ours,
        unit: "frames/s",
        baseline: "scapy (python3-scapy)",
        baselineValue: theirs[name][op],
        ratio: ours / theirs[name][op],
        bound: "CPU: one thread each (its own loop, no I/O)",
      });
    }
  }
  return results;
}
