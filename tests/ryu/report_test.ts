// The run's reports: Ryu's lines and closing report, the --json contract, JUnit XML. Pure.
import assert from "node:assert/strict";
import {
  formatResult,
  formatSummary,
  jsonReport,
  junitSuites,
  type RyuTestResult,
  summarize,
} from "../../src/ryu/mod.ts";
import { junitXml } from "../../src/runner/mod.ts";
import { parsePorts } from "../../src/ryu/cli.ts";

const results: RyuTestResult[] = [
  {
    file: "a.json",
    title: "action: 00_OUTPUT",
    description: "ok one",
    status: "OK",
    seconds: 0.25,
  },
  {
    file: "a.json",
    title: "action: 00_OUTPUT",
    description: "bad <one> & 'two'",
    status: "ERROR",
    reason: "Received incorrect packet: ipv4.ttl: expected 63, got 64",
    category: "Received incorrect packet",
    seconds: 0.5,
  },
  {
    file: "b.json",
    title: "group: 00_ALL",
    description: "rate",
    status: "SKIPPED",
    reason: "throughput test (run with --throughput)",
    category: "throughput test (run with --throughput)",
    seconds: 0,
  },
  {
    file: "b.json",
    title: "group: 00_ALL",
    description: "install",
    status: "ERROR",
    reason: "Failed to add groups: barrier request timeout.",
    category: "Failed to add groups",
    seconds: 3,
  },
];

Deno.test("formatResult: Ryu's line, the reason indented under it", () => {
  assert.equal(formatResult(results[0]), `    ${"ok one".padEnd(100)} OK`);
  assert.equal(
    formatResult(results[1]),
    `    ${
      "bad <one> & 'two'".padEnd(100)
    } ERROR\n        Received incorrect packet: ipv4.ttl: expected 63, got 64`,
  );
});

Deno.test("summarize and formatSummary: counts, errors by category, totals line", () => {
  const s = summarize(results);
  assert.deepEqual([s.OK, s.ERROR, s.SKIPPED], [1, 2, 1]);
  assert.deepEqual([...s.errors.keys()], ["Received incorrect packet", "Failed to add groups"]);
  const text = formatSummary(results);
  assert.equal(
    text,
    [
      "--- Test report ---",
      "Failed to add groups(1)",
      `    ${"group: 00_ALL".padEnd(40)} install`,
      "Received incorrect packet(1)",
      `    ${"action: 00_OUTPUT".padEnd(40)} bad <one> & 'two'`,
      "SKIPPED: throughput test (run with --throughput)(1)",
      "",
      "OK(1) / ERROR(2) / SKIPPED(1)",
    ].join("\n"),
  );
  assert.match(formatSummary(results.slice(0, 1)), /\nOK\(1\) \/ ERROR\(0\)$/);
});

Deno.test("jsonReport: exactly the --json contract", () => {
  const doc = jsonReport(results);
  assert.deepEqual(Object.keys(doc), ["tests", "summary"]);
  assert.deepEqual(doc.tests[0], { file: "a.json", description: "ok one", status: "OK" });
  assert.deepEqual(Object.keys(doc.tests[1]), ["file", "description", "status", "reason"]);
  assert.deepEqual(doc.summary, { OK: 1, ERROR: 2, SKIPPED: 1 });
  assert.deepEqual(jsonReport(results.slice(0, 2)).summary, { OK: 1, ERROR: 1 });
  // Round-trips through JSON text unchanged (no bigints, no undefined).
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), doc);
});

Deno.test("junitXml: suites per file, counts, escaping, failure and skipped elements", () => {
  const xml = junitXml(junitSuites(results), "ryu");
  assert.match(
    xml,
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="ryu" tests="4" failures="2" errors="0" skipped="1" time="3\.750">/,
  );
  assert.match(
    xml,
    /<testsuite name="action: 00_OUTPUT" id="0" tests="2" failures="1" errors="0" skipped="0" time="0\.750">/,
  );
  assert.match(
    xml,
    /<testcase name="bad &lt;one&gt; &amp; &apos;two&apos;" classname="a\.json" time="0\.500">\n {6}<failure message="Received incorrect packet: ipv4\.ttl: expected 63, got 64" type="failure"\/>/,
  );
  assert.match(
    xml,
    /<testcase name="rate" classname="b\.json" time="0\.000">\n {6}<skipped message="throughput test \(run with --throughput\)"\/>/,
  );
  assert.match(xml, /<testcase name="ok one" classname="a\.json" time="0\.250"\/>/);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 4);
  // Characters XML 1.0 forbids are dropped, not written.
  assert.ok(!junitXml([{ name: "x\u0001", cases: [] }]).includes("\u0001"));
  // An error and details.
  assert.match(
    junitXml([{
      name: "s",
      cases: [{ name: "c", status: "error", message: "m", details: "a < b" }],
    }]),
    /<error message="m" type="error">a &lt; b<\/error>/,
  );
});

Deno.test("--ports: Ryu's option names over Ryu's defaults; bad names refused", () => {
  assert.deepEqual(parsePorts("target_send_port_1=5, tester_recv_port_1=5"), {
    targetRecv: 1,
    targetSend1: 5,
    targetSend2: 3,
    testerSend: 1,
    testerRecv1: 5,
    testerRecv2: 3,
  });
  assert.deepEqual(parsePorts(undefined).targetSend2, 3);
  assert.throws(() => parsePorts("target_port=1"), /Expected --ports as NAME=N pairs/);
  assert.throws(() => parsePorts("target_recv_port=x"), /got "target_recv_port=x"/);
});
