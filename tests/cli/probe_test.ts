// The main job, `deno task probe`, run as a user runs it.
import assert from "node:assert/strict";
import { peerTest } from "../_util/peers.ts";

const PROBE = new URL("../../src/cli/probe.ts", import.meta.url).pathname;

async function probe(args: string[], env?: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", PROBE, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: out.code,
    stdout: new TextDecoder().decode(out.stdout),
    stderr: new TextDecoder().decode(out.stderr),
  };
}

peerTest(
  "probe: with no switch given it starts Open vSwitch and reports it as JSON",
  ["ovs"],
  async () => {
    const { code, stdout, stderr } = await probe(["--json", "--echo", "50"]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /starting a local Open vSwitch/, "progress goes to stderr");
    const report = JSON.parse(stdout);
    assert.equal(report.version, "1.3");
    assert.equal(report.datapathId, "0x0000000000000001");
    assert.deepEqual(report.ports.map((p: { portNo: number }) => p.portNo), [
      1,
      2,
      3,
      4,
      0xfffffffe,
    ]);
    assert.match(report.description.hardware, /Open vSwitch/);
    assert.equal(report.flows.length, 0);
    assert.equal(report.meters.supported, true);
    assert.equal(report.echo.count, 50);
    assert.ok(report.echo.p50Us > 0 && report.echo.p99Us >= report.echo.p50Us);
  },
);

peerTest("probe: the text report names the switch and its ports", ["ovs"], async () => {
  const { code, stdout, stderr } = await probe(["--echo", "10", "--versions", "1"]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^OpenFlow 1\.0 {3}datapath 0000000000000001/);
  assert.match(stdout, /Ports \(5\)/);
  assert.match(stdout, /br0-p1/);
  assert.match(stdout, /Echo round trip over 10: p50 \d+ µs, p99 \d+ µs/);
});

Deno.test("probe: with no switch and no Open vSwitch it probes the embedded switch, saying so", async () => {
  const { code, stdout, stderr } = await probe(["--json", "--echo", "20"], {
    PATH: "/nonexistent-oftest",
  });
  assert.equal(code, 0, stderr);
  assert.match(stderr, /Open vSwitch is not installed; starting the embedded reference switch/);
  const report = JSON.parse(stdout);
  assert.match(report.description.hardware, /Reference switch/);
  assert.deepEqual(report.ports.map((p: { portNo: number }) => p.portNo), [1, 2, 3, 4]);
});

Deno.test("probe: --target ovs without Open vSwitch says what to do and exits 2", async () => {
  const { code, stderr } = await probe(["--target", "ovs"], { PATH: "/nonexistent-oftest" });
  assert.equal(code, 2);
  assert.match(stderr, /--listen 6653/);
  assert.match(stderr, /--connect HOST:PORT/);
  assert.match(stderr, /apt-get install -y --no-install-recommends openvswitch-switch/);
});

Deno.test("probe: bad arguments are usage errors", async () => {
  for (
    const args of [["--versions", "2"], ["--connect", "nohost"], [
      "--listen",
      "1",
      "--connect",
      "h:1",
    ], ["--bogus"]]
  ) {
    const { code, stderr } = await probe(args);
    assert.equal(code, 2, args.join(" "));
    assert.match(stderr, /^probe: /);
  }
});

Deno.test("probe: nothing answers a dial → a clear message within the timeout", async () => {
  const free = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (free.addr as Deno.NetAddr).port;
  free.close();
  const { code, stderr } = await probe(["--connect", `127.0.0.1:${port}`, "--timeout", "1"]);
  assert.notEqual(code, 0);
  assert.match(stderr, /no switch connected within 1s/);
});
