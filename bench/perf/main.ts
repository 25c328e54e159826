// End-to-end performance harness (`deno task perf`). Each figure is measured against a
// baseline in the same run and reported as a ratio: these machines are shared and noisy.
//   deno task perf [--quick] [--json FILE] [--only ingest,latency,...]
// Load generators and peers run as separate processes (peers/); traffic stays on 127.0.0.1.
import { parseArgs } from "node:util";
import { Controller } from "../../src/controller/mod.ts";
import { decode, encode, of13 } from "../../src/ofp/mod.ts";
import { build, parse } from "../../src/packet/mod.ts";
import { DataPlane, OvsSwitch, simpleTcpPacket } from "../../src/testing/mod.ts";
import { PACKET_FRAMES } from "../_packet_frames.ts";
import { frames, header, hello, packetIn13, readFrames, writeAll } from "./_frames.ts";

/** One line of the results table (and of the --json file). */
interface Result {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  target?: string;
}

const { values } = parseArgs({
  args: Deno.args,
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "string" },
    only: { type: "string" },
  },
});
const quick = values.quick;
const only = values.only?.split(",");
const EMULATOR = new URL("./peers/switch_emulator.ts", import.meta.url).pathname;
const results: Result[] = [];
const progress = (s: string) => console.error(`perf: ${s}`);
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Starts a peer process; resolves with it and the first JSON line it prints. */
function spawnPeer(args: string[], cmd = Deno.execPath()) {
  const child = new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit", stdin: "null" })
    .spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const nextLine = async (): Promise<Record<string, unknown>> => {
    while (!buffered.includes("\n")) {
      const { value, done } = await lines.read();
      if (done) throw new Error(`peer ${args.join(" ")} exited before reporting`);
      buffered += value;
    }
    const i = buffered.indexOf("\n");
    const line = buffered.slice(0, i);
    buffered = buffered.slice(i + 1);
    return JSON.parse(line);
  };
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch { /* already exited */ }
    await lines.cancel().catch(() => {});
    await child.status;
  };
  return { child, nextLine, stop };
}

const runEmulator = (...args: string[]) => spawnPeer(["run", "--allow-net", EMULATOR, ...args]);

function record(r: Result) {
  results.push(r);
  progress(
    `${r.name}: ${fmt(r.value)} ${r.unit} (baseline ${fmt(r.baselineValue)}, ratio ${
      r.ratio.toFixed(2)
    })`,
  );
}
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));

// ---- 1. ingest --------------------------------------------------------------------------
async function ingest() {
  const n = quick ? 1_000_000 : 5_000_000;
  progress(`ingest: ${n.toLocaleString()} packet-ins, bare read loop first`);
  // Baseline: a bare one-thread read loop that only frames the stream.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const blaster = await runEmulator(
    "raw-blast",
    "127.0.0.1",
    String((listener.addr as Deno.NetAddr).port),
    String(n),
  );
  const conn = await listener.accept();
  listener.close();
  let count = 0, t0 = 0, t1 = 0;
  await readFrames(conn, () => {
    if (count++ === 0) t0 = performance.now();
    if (count === n) t1 = performance.now();
  });
  conn.close();
  await blaster.nextLine();
  await blaster.stop();
  const bare = (n - 1) / ((t1 - t0) / 1000);

  // The Controller: worker framing, transfer, main-thread decode, a registered handler.
  progress("ingest: through the Controller");
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  const peer = await runEmulator("blast", "127.0.0.1", String(port), String(n));
  const sw = await controller.connect({ timeout: 10_000 });
  let seen = 0, s0 = 0, s1 = 0;
  const { promise: all, resolve } = Promise.withResolvers<void>();
  sw.register("PACKET_IN", (m) => {
    if (m.type !== "PACKET_IN") return false;
    if (seen++ === 0) s0 = performance.now();
    if (seen === n) {
      s1 = performance.now();
      resolve();
    }
    return true;
  });
  await Promise.race([all, sw.closed]);
  await peer.nextLine();
  await peer.stop();
  if (seen !== n) throw new Error(`ingest: ${seen} of ${n} packet-ins reached the handler`);
  const ours = (n - 1) / ((s1 - s0) / 1000);
  record({
    name: "ingest: OF1.3 packet-ins into a handler",
    value: ours,
    unit: "msg/s",
    baseline: "bare one-thread framing loop",
    baselineValue: bare,
    ratio: ours / bare,
    target: "≥ 5 M/s, ratio ≥ 0.3",
  });
}

// ---- 2 and 3. transactions against a separate-process echo peer -------------------------
async function transactions() {
  const rounds = quick ? 2_000 : 10_000;
  const peer = await runEmulator("echo-peer");
  const { port } = (await peer.nextLine()) as { port: number };
  try {
    progress(`latency: ${rounds} sequential echoes, bare socket first`);
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    conn.setNoDelay(true);
    await writeAll(conn, hello(4, [4]));
    const buf = new Uint8Array(4096);
    await conn.read(buf); // the peer's HELLO
    const echo = header(4, 2, 8, 7);
    const bare: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await writeAll(conn, echo);
      for (let got = 0; got < 8;) got += (await conn.read(buf.subarray(got))) ?? 8;
      bare.push((performance.now() - t) * 1000);
    }
    // Concurrency baseline: 10,000 requests written at once, replies read back.
    const many = 10_000;
    const burst = new Uint8Array(8 * many);
    for (let i = 0; i < many; i++) burst.set(header(4, 2, 8, i + 1), i * 8);
    let replies = 0;
    const tb = performance.now();
    await writeAll(conn, burst);
    while (replies < many) {
      const n = await conn.read(buf);
      if (n === null) break;
      replies += n / 8;
    }
    const bareTps = many / ((performance.now() - tb) / 1000);
    conn.close();

    progress("latency: through the Controller");
    await using controller = new Controller({
      switch: { hostname: "127.0.0.1", port },
      retry: { initialDelay: 20 },
    });
    const sw = await controller.connect({ timeout: 10_000 });
    const ours: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await sw.echo();
      ours.push((performance.now() - t) * 1000);
    }
    for (const [q, label] of [[0.5, "p50"], [0.99, "p99"]] as const) {
      const o = quantile(ours, q), b = quantile(bare, q);
      record({
        name: `echo transaction ${label}`,
        value: o,
        unit: "µs",
        baseline: "bare main-thread socket, same peer",
        baselineValue: b,
        ratio: o / b,
        target: label === "p50" ? "≤ 2×" : undefined,
      });
    }
    progress(`concurrency: ${many} echo transactions at once`);
    const tc = performance.now();
    const answers = await Promise.all(
      Array.from({ length: many }, () => sw.echo(new Uint8Array(0), { timeout: 30_000 })),
    );
    const tps = many / ((performance.now() - tc) / 1000);
    if (answers.length !== many || answers.some((a) => a.type !== "ECHO_REPLY")) {
      throw new Error("concurrency: a transaction was lost");
    }
    record({
      name: `${many} concurrent echo transactions, all answered`,
      value: tps,
      unit: "tx/s",
      baseline: "bare socket, pipelined",
      baselineValue: bareTps,
      ratio: tps / bareTps,
    });
  } finally {
    await peer.stop();
  }
}

// ---- 4. cbench-style ---------------------------------------------------------------------
async function cbench() {
  const secs = quick ? 2 : 5;
  const run = async (port: number, window: number) => {
    const e = await runEmulator(
      "cbench",
      "127.0.0.1",
      String(port),
      "16",
      String(secs),
      String(window),
    );
    const r = (await e.nextLine()) as { perSecond: number };
    await e.stop();
    return r.perSecond;
  };
  const free = () => {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const p = (l.addr as Deno.NetAddr).port;
    l.close();
    return p;
  };
  for (const [mode, window] of [["throughput", 64], ["latency", 1]] as const) {
    progress(`cbench ${mode}: ovs-testcontroller first`);
    const port = free();
    // Its control socket must go somewhere writable: a temporary run directory.
    const rundir = await Deno.makeTempDir({ prefix: "oftest-otc-" });
    const peer = new Deno.Command("ovs-testcontroller", {
      args: ["-O", "OpenFlow10", `--unixctl=${rundir}/otc.ctl`, `ptcp:${port}:127.0.0.1`],
      env: { OVS_RUNDIR: rundir },
      stdout: "null",
      stderr: "null",
    }).spawn();
    await new Promise((r) => setTimeout(r, 300));
    let theirs: number;
    try {
      theirs = await run(port, window);
    } finally {
      peer.kill("SIGTERM");
      await peer.status;
      await Deno.remove(rundir, { recursive: true });
    }
    progress(`cbench ${mode}: the Controller`);
    await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
    const [{ port: ours }] = await controller.listening;
    controller.register("PACKET_IN", (m, conn) => {
      if (m.type !== "PACKET_IN" || m.version !== 1) return false;
      conn.send({
        version: 1,
        type: "FLOW_MOD",
        xid: 0,
        match: {
          wildcards: 0x3fffff,
          inPort: 0,
          dlSrc: "00:00:00:00:00:00",
          dlDst: "00:00:00:00:00:00",
          dlVlan: 0,
          dlVlanPcp: 0,
          dlType: 0,
          nwTos: 0,
          nwProto: 0,
          nwSrc: "0.0.0.0",
          nwDst: "0.0.0.0",
          tpSrc: 0,
          tpDst: 0,
        },
        cookie: 0n,
        command: 0,
        idleTimeout: 0,
        hardTimeout: 0,
        priority: 1,
        bufferId: m.bufferId,
        outPort: 0xffff,
        flags: 0,
        actions: [{ type: "OUTPUT", port: 0xfffb, maxLen: 0 }],
      });
      return true;
    });
    const value = await run(ours, window);
    record({
      name: `cbench ${mode} (16 switches)`,
      value,
      unit: "responses/s",
      baseline: "ovs-testcontroller (C), same emulator",
      baselineValue: theirs,
      ratio: value / theirs,
      target: mode === "throughput" ? "≥ its throughput" : undefined,
    });
  }
}

// ---- 5. memory -----------------------------------------------------------------------------
async function memory() {
  const n = quick ? 1_000_000 : 10_000_000;
  progress(`memory: ${n.toLocaleString()} packet-ins, no consumer`);
  const child = await spawnPeer([
    "run",
    "--allow-all",
    "--v8-flags=--expose-gc",
    new URL("./peers/memory_controller.ts", import.meta.url).pathname,
    String(n),
  ]);
  const { port } = (await child.nextLine()) as { port: number };
  const blaster = await runEmulator("blast", "127.0.0.1", String(port), String(n));
  const r = (await child.nextLine()) as {
    idle: number;
    peak: number;
    after: number;
    idleHeap: number;
    afterHeap: number;
    queued: number;
    counters: { packetIns: number; handled: number; queued: number; expired: number };
  };
  await blaster.stop();
  await child.stop();
  const c = r.counters;
  // No consumer, so nothing is delivered: every packet-in is still queued or was expired.
  const accounted = c.packetIns === n && r.queued + c.expired === n;
  if (!accounted) {
    throw new Error(`memory: counters do not account for every message: ${JSON.stringify(r)}`);
  }
  const mb = (b: number) => b / 1024 / 1024;
  record({
    name: `memory: peak RSS over idle, ${n.toLocaleString()} packet-ins, all accounted`,
    value: mb(r.peak - r.idle),
    unit: "MB",
    baseline: "idle RSS",
    baselineValue: mb(r.idle),
    ratio: r.peak / r.idle,
    target: "≤ 100 MB over idle",
  });
  record({
    name: "memory: live heap after draining",
    value: mb(r.afterHeap),
    unit: "MB",
    baseline: "idle live heap",
    baselineValue: mb(r.idleHeap),
    ratio: r.afterHeap / r.idleHeap,
    target: "comes back to idle",
  });
  record({
    name: "memory: RSS after draining, over idle",
    value: mb(r.after - r.idle),
    unit: "MB",
    baseline: "peak over idle",
    baselineValue: mb(r.peak - r.idle),
    ratio: (r.after - r.idle) / Math.max(1, r.peak - r.idle),
  });
}

// ---- 6. codec against python3-openflow -------------------------------------------------------
async function codecPeer() {
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
  const out = await py.output();
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
    });
  }
}

// ---- 7. packets against scapy ------------------------------------------------------------------
async function packetPeer() {
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
  const out = await py.output();
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
      });
    }
  }
}

// ---- 8. a real switch ----------------------------------------------------------------------
async function realSwitch() {
  const rounds = quick ? 1_000 : 5_000;
  progress("Open vSwitch: echo round trip (bare socket first)");
  await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
  const [{ port }] = await controller.listening;
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const ovsPort = (free.addr as Deno.NetAddr).port;
  free.close();
  await using ovs = await OvsSwitch.start({
    bridges: [{
      ports: 2,
      protocols: ["OpenFlow10", "OpenFlow13"],
      controller: [`tcp:127.0.0.1:${port}`, `ptcp:${ovsPort}:127.0.0.1`],
    }],
  });
  const sw = await controller.connect({ timeout: 10_000 });
  // Baseline: a bare socket speaking OpenFlow to the same switch.
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: ovsPort });
  conn.setNoDelay(true);
  await writeAll(conn, hello(4, [4]));
  const buf = new Uint8Array(65536);
  const bare: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await writeAll(conn, header(4, 2, 8, 0x10000 + i));
    let done = false;
    while (!done) {
      const n = await conn.read(buf);
      if (n === null) throw new Error("Open vSwitch closed the baseline connection");
      frames(buf.subarray(0, n), (v, o) => {
        if (v.getUint8(o + 1) === 3 && v.getUint32(o + 4) === 0x10000 + i) done = true;
      });
    }
    bare.push((performance.now() - t) * 1000);
  }
  conn.close();
  const ours: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await sw.echo();
    ours.push((performance.now() - t) * 1000);
  }
  const o = quantile(ours, 0.5), b = quantile(bare, 0.5);
  record({
    name: "Open vSwitch echo round trip p50",
    value: o,
    unit: "µs",
    baseline: "bare socket to the same switch",
    baselineValue: b,
    ratio: o / b,
  });

  progress("Open vSwitch: packet-in rate on a table miss");
  sw.send(
    of13.flowMod({
      priority: 0,
      instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)])],
    }),
  );
  await sw.barrier();
  let pins = 0;
  sw.register("PACKET_IN", () => {
    pins++;
    return true;
  });
  await using dp = await DataPlane.open(ovs.bridge());
  const frame = simpleTcpPacket();
  const count = quick ? 20_000 : 100_000;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await dp.send(1, frame);
  const injected = count / ((performance.now() - t0) / 1000);
  await new Promise((r) => setTimeout(r, 1000));
  const rate = pins / ((performance.now() - t0) / 1000);
  record({
    name: "Open vSwitch packet-ins on a table miss",
    value: rate,
    unit: "msg/s",
    baseline: "frames injected into the port",
    baselineValue: injected,
    ratio: rate / injected,
  });
}

const scenarios: Record<string, () => Promise<void>> = {
  ingest,
  transactions,
  cbench,
  memory,
  codec: codecPeer,
  packet: packetPeer,
  ovs: realSwitch,
};
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  try {
    await run();
  } catch (e) {
    progress(`${name} failed: ${(e as Error).message}`);
    Deno.exitCode = 1;
  }
}

const rows = results.map((r) =>
  `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline}: ${fmt(r.baselineValue)} | ${
    r.ratio.toFixed(2)
  } | ${r.target ?? ""} |`
);
console.log(
  ["| measure | value | baseline | ratio | target |", "|---|---|---|---|---|", ...rows].join("\n"),
);
if (values.json) {
  await Deno.writeTextFile(
    values.json,
    JSON.stringify(results.map(({ target: _, ...r }) => r), null, 2),
  );
}
