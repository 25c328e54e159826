// The suite runner: a seed fixes the order, the reports are what CI systems and browsers
// read, and the command's exit code says whether anything unexpected failed.
import assert from "node:assert/strict";
import { jsonReport } from "../../src/runner/json_report.ts";
import { junitReport } from "../../src/runner/junit_report.ts";
import { htmlReport } from "../../src/runner/html_report.ts";
import { runSuite } from "../../src/runner/run_suite.ts";
import type { RunResult } from "../../src/runner/result.ts";
import { shuffled } from "../../src/runner/_shuffle.ts";
import type { SwitchTestDefinition } from "../../src/testing/_registry.ts";
import { DEBIAN_PYTHON, peerTest, which } from "../_util/peers.ts";

function def(name: string, fn: SwitchTestDefinition["fn"] = () => {}): SwitchTestDefinition {
  return {
    name,
    group: "order",
    tags: [],
    versions: [4],
    ports: 1,
    timeout: 5000,
    xfail: undefined,
    skip: undefined,
    location: "here",
    fn,
  };
}

Deno.test("runner: a seeded shuffle is a permutation, the same for the same seed", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const a = shuffled(items, 7), b = shuffled(items, 7), c = shuffled(items, 8);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.deepEqual([...a].sort((x, y) => x - y), items);
  assert.notDeepEqual(a, items);
});

peerTest("runner: the same run twice with one seed gives the same order", ["ovs"], async () => {
  const defs = Array.from({ length: 8 }, (_, i) => def(`t${i}`));
  const order = async (seed?: number) =>
    (await runSuite(defs, { target: { kind: "ovs" }, versions: [4], seed })).tests.map((t) =>
      t.name
    );
  const first = await order(1234), second = await order(1234), other = await order(99);
  assert.deepEqual(first, second);
  assert.notDeepEqual(first, other);
  assert.deepEqual(await order(), defs.map((d) => d.name), "no seed: declaration order");
});

peerTest(
  "runner: fail-fast stops a lane at its first failure; repeat runs again",
  ["ovs"],
  async () => {
    const defs = [
      def("a"),
      def("b", () => {
        throw new Error("b fails");
      }),
      def("c"),
    ];
    const fast = await runSuite(defs, { target: { kind: "ovs" }, versions: [4], failFast: true });
    assert.deepEqual(fast.tests.map((t) => [t.name, t.status]), [["a", "passed"], ["b", "failed"]]);
    const twice = await runSuite([def("a")], { target: { kind: "ovs" }, versions: [4], repeat: 2 });
    assert.deepEqual(twice.tests.map((t) => t.repetition), [1, 2]);
  },
);

const SAMPLE: RunResult = {
  tests: [
    {
      name: "ok",
      group: "g",
      version: "1.3",
      status: "passed",
      durationMs: 1.5,
      resetMs: 2,
      location: "f.ts:1",
      repetition: 1,
    },
    {
      name: 'bad <frame> & "quotes"',
      group: "g",
      version: "1.0",
      status: "failed",
      message: "ipv4.ttl: expected 64, got 63\u0001",
      stack: "SwitchAssertionError: x\n    at f.ts:9:3",
      durationMs: 20,
      resetMs: 2,
      location: "f.ts:9",
      repetition: 1,
      messages: [{ direction: "out", atMs: 0.5, summary: "FLOW_MOD xid 3 (80 bytes)" }],
    },
    {
      name: "later",
      group: "h",
      version: "1.3",
      status: "skipped",
      message: "needs 5 ports",
      durationMs: 0,
      resetMs: 0,
      location: "f.ts:20",
      repetition: 1,
    },
    {
      name: "known",
      group: "h",
      version: "1.3",
      status: "xfail",
      message: "OVS ignores it",
      durationMs: 3,
      resetMs: 1,
      location: "f.ts:30",
      repetition: 2,
    },
  ],
  summary: { passed: 1, failed: 1, skipped: 1, xfail: 1 },
  target: "Open vSwitch 3.1.0 (dummy datapath)",
  seed: 5,
  wallMs: 1234,
  startedAt: "2026-11-30T10:00:00.000Z",
  hostname: "ci-host",
};

Deno.test("runner: the JSON report has the contract's fields", () => {
  const json = JSON.parse(jsonReport(SAMPLE));
  assert.deepEqual(json.summary, { passed: 1, failed: 1, skipped: 1, xfail: 1 });
  for (const t of json.tests) {
    assert.equal(typeof t.name, "string");
    assert.equal(typeof t.group, "string");
    assert.ok(["passed", "failed", "skipped", "xfail"].includes(t.status));
    assert.equal(typeof t.durationMs, "number");
  }
  assert.equal(json.tests[1].message, SAMPLE.tests[1].message);
  assert.equal(json.tests[0].message, undefined);
});

// The structure of Jenkins' junit-10.xsd, checked with a real XML parser (Python's).
const JUNIT_CHECK = `
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def need(el, *attrs):
    for a in attrs:
        assert a in el.attrib, f"{el.tag} lacks {a}"
assert root.tag == "testsuites", root.tag
n = 0
for suite in root:
    assert suite.tag == "testsuite", suite.tag
    need(suite, "name", "tests", "failures", "errors", "skipped", "time", "timestamp")
    cases = [c for c in suite if c.tag == "testcase"]
    assert int(suite.get("tests")) == len(cases), "tests count"
    assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    assert int(suite.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
    for child in suite:
        assert child.tag in ("properties", "testcase", "system-out", "system-err"), child.tag
    for c in cases:
        need(c, "name", "classname", "time")
        float(c.get("time"))
        for child in c:
            assert child.tag in ("skipped", "error", "failure", "system-out", "system-err"), child.tag
            if child.tag == "failure": need(child, "message", "type")
        n += 1
assert int(root.get("tests")) == n
print("ok", n)
`;

async function checkJunit(xml: string): Promise<{ ok: boolean; out: string }> {
  const file = await Deno.makeTempFile({ suffix: ".xml" });
  try {
    await Deno.writeTextFile(file, xml);
    const out = await new Deno.Command(DEBIAN_PYTHON, {
      args: ["-c", JUNIT_CHECK, file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { ok: out.code === 0, out: dec.decode(out.stdout) + dec.decode(out.stderr) };
  } finally {
    await Deno.remove(file);
  }
}

Deno.test({
  name: "runner: the JUnit report has the structure of junit-10.xsd (and the check can fail)",
  ignore: which("python3") === undefined && !Deno.statSync(DEBIAN_PYTHON).isFile,
  fn: async () => {
    const xml = junitReport(SAMPLE);
    const good = await checkJunit(xml);
    assert.ok(good.ok, good.out);
    assert.match(good.out, /ok 4/);
    assert.match(xml, /<failure message="ipv4.ttl: expected 64, got 63" type="failure">/);
    assert.match(xml, /<skipped message="expected failure: OVS ignores it"\/>/);
    const broken = xml.replace(/<testcase name="ok"/, "<testcase");
    assert.notEqual(broken, xml);
    assert.equal((await checkJunit(broken)).ok, false, "a testcase without a name is refused");
    const miscounted = xml.replace(/tests="4"/, 'tests="5"');
    assert.equal((await checkJunit(miscounted)).ok, false, "a wrong count is refused");
  },
});

peerTest(
  "runner: the HTML report opens in Chromium and shows the failures",
  ["chromium"],
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const file = `${dir}/report.html`;
      await Deno.writeTextFile(file, htmlReport(SAMPLE));
      const out = await new Deno.Command("chromium", {
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          `--user-data-dir=${dir}/profile`,
          "--dump-dom",
          `file://${file}`,
        ],
        stdout: "piped",
        stderr: "null",
      }).output();
      const dom = new TextDecoder().decode(out.stdout);
      assert.match(dom, /<span id="shown">4 shown<\/span>/, "its script ran in the browser");
      assert.match(dom, /<tr class="test failed"[^>]*><td class="st">FAILED<\/td>/);
      assert.match(dom, /bad &lt;frame&gt; &amp; "quotes"/);
      assert.match(dom, /ipv4\.ttl: expected 64, got 63/);
      assert.match(dom, /FLOW_MOD xid 3 \(80 bytes\)/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

const CLI = new URL("../../src/runner/cli.ts", import.meta.url).pathname;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

Deno.test("runner CLI: usage errors exit 2 and say why", async () => {
  const bad = await cli("--version", "1.2");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--version must be 1.0, 1.3 or 1.0,1.3, got "1.2"/);
  const noMap = await cli("--listen", "6653");
  assert.equal(noMap.code, 2);
  assert.match(noMap.stderr, /needs a port map/);
});

peerTest(
  "runner CLI: a failing test exits 1, lists it, and writes the reports",
  ["ovs"],
  async () => {
    const dir = await Deno.makeTempDir();
    try {
      const testing = new URL("../../src/testing/mod.ts", import.meta.url).href;
      await Deno.writeTextFile(
        `${dir}/s.ts`,
        `import { switchTest } from "${testing}";
switchTest("passes", { version: 4, group: "cli" }, () => {});
switchTest("fails", { version: 4, group: "cli" }, () => { throw new Error("on purpose"); });
switchTest("expected", { version: 4, group: "cli", xfail: "known" }, () => { throw new Error("x"); });
`,
      );
      const run = await cli(`${dir}/s.ts`, "--json", `${dir}/r.json`, "--junit", `${dir}/r.xml`);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(run.stdout, /^OK {4}\[1\.3\] cli: passes/m);
      assert.match(run.stdout, /^FAIL {2}\[1\.3\] cli: fails \(\d+ ms\) — on purpose/m);
      assert.match(run.stdout, /^XFAIL \[1\.3\] cli: expected .* — known/m);
      assert.match(run.stdout, /3 tests: 1 passed, 1 failed, 0 skipped, 1 expected failures/);
      assert.match(run.stdout, /failed:\n {2}\[1\.3\] cli: fails {2}file:\/\/.*s\.ts:3:1/);
      const json = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
      assert.deepEqual(json.summary, { passed: 1, failed: 0 + 1, skipped: 0, xfail: 1 });
      const listed = await cli(`${dir}/s.ts`, "--list", "--filter", "/^cli: f/");
      assert.equal(listed.code, 0);
      assert.equal(listed.stdout.trim(), "cli: fails  [1.3]");
      const passing = await cli(`${dir}/s.ts`, "--exclude", "fails");
      assert.equal(passing.code, 0, passing.stdout + passing.stderr);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

peerTest("runner CLI: --pcap writes the control channel and each port, readable by tshark", [
  "ovs",
  "tshark",
], async () => {
  const dir = await Deno.makeTempDir();
  try {
    const testing = new URL("../../src/testing/mod.ts", import.meta.url).href;
    const ofp = new URL("../../src/ofp/mod.ts", import.meta.url).href;
    await Deno.writeTextFile(
      `${dir}/s.ts`,
      `import { simpleTcpPacket, switchTest } from "${testing}";
import { of13 } from "${ofp}";
switchTest("forward", { version: 4, group: "pcap", ports: 2 }, async (t) => {
  await t.install(of13.flowMod({ match: of13.match({ in_port: 1 }),
    instructions: [of13.applyActions([of13.output(2)])] }));
  await t.send(1, simpleTcpPacket());
  await t.verifyPackets(simpleTcpPacket(), [2]);
});
`,
    );
    const run = await cli(`${dir}/s.ts`, "--pcap", `${dir}/pcap`, "--json", `${dir}/r.json`);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const files = [...Deno.readDirSync(`${dir}/pcap`)].map((e) => e.name).sort();
    assert.deepEqual(files, [
      "1.3-pcap-forward-control.pcap",
      "1.3-pcap-forward-port1.pcap",
      "1.3-pcap-forward-port2.pcap",
    ]);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/r.json`));
    assert.equal(json.tests[0].pcaps.length, 3);
    const tshark = async (file: string, ...args: string[]) =>
      new TextDecoder().decode(
        (await new Deno.Command("tshark", {
          args: ["-r", `${dir}/pcap/${file}`, ...args],
          stdout: "piped",
          stderr: "null",
        }).output()).stdout,
      );
    const control = "1.3-pcap-forward-control.pcap";
    const ports = new Set(
      (await tshark(control, "-T", "fields", "-e", "tcp.srcport"))
        .trim().split("\n"),
    );
    const decode = [...ports].flatMap((p) => ["-d", `tcp.port==${p},openflow`]);
    const types = (await tshark(control, ...decode, "-T", "fields", "-e", "openflow_v4.type"))
      .trim().split("\n").map(Number);
    assert.ok(types.includes(14), `a FLOW_MOD: ${types}`);
    assert.ok(types.includes(20) && types.includes(21), "barrier request and reply");
    const expert = await tshark(control, ...decode, "-z", "expert,error", "-q");
    assert.doesNotMatch(expert, /Malformed/);
    const out = await tshark("1.3-pcap-forward-port2.pcap", "-T", "fields", "-e", "tcp.dstport");
    assert.equal(out.trim(), "80", "the frame out of port 2");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

peerTest("runner CLI: `suite ryu` runs Ryu's patterns through the same command", [
  "ryu-switch-tests",
], async () => {
  const file = new URL(
    "../../../shared/ryu-switch-tests/of13/action/00_OUTPUT.json",
    import.meta.url,
  ).pathname;
  const run = await cli("ryu", "--target", "embedded", file);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /OK\(3\) \/ ERROR\(0\)/);
});
