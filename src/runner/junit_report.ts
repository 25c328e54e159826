/**
 * The suite runner's JUnit XML report: one `testsuite` per group and version, expected
 * failures reported as skipped with their reason (CI systems have no "expected failure").
 *
 * @module
 */
import { type JUnitCase, type JUnitSuite, junitXml } from "./junit.ts";
import type { RunResult, TestResult } from "./result.ts";

function junitCase(t: TestResult): JUnitCase {
  const name = t.repetition > 1 ? `${t.name} (run ${t.repetition})` : t.name;
  const base = {
    name,
    classname: `${t.group || "suite"}.OpenFlow${t.version}`,
    time: t.durationMs / 1000,
  };
  switch (t.status) {
    case "passed":
      return { ...base, status: "passed" };
    case "skipped":
      return { ...base, status: "skipped", message: t.message };
    case "xfail":
      return { ...base, status: "skipped", message: `expected failure: ${t.message ?? ""}` };
    case "failed":
      return { ...base, status: "failed", message: t.message, details: t.stack ?? t.message };
  }
}

/**
 * Renders a run as JUnit XML.
 *
 * @param run The run.
 * @returns The XML text.
 *
 * @example
 * ```ts
 * import { junitReport } from "@oftest/oftest/runner";
 * import assert from "node:assert/strict";
 *
 * const xml = junitReport({
 *   tests: [{ name: "echo", group: "basic", version: "1.3", status: "passed", durationMs: 2, resetMs: 1, location: "", repetition: 1 }],
 *   summary: { passed: 1, failed: 0, skipped: 0, xfail: 0 },
 *   target: "t",
 *   wallMs: 5,
 *   hostname: "ci",
 *   startedAt: "2026-01-01T00:00:00.000Z",
 * });
 * assert.match(xml, /<testcase name="echo" classname="basic.OpenFlow1.3" time="0.002"\/>/);
 * ```
 */
export function junitReport(run: RunResult): string {
  const suites = new Map<string, JUnitSuite>();
  for (const t of run.tests) {
    const name = `${t.group || "suite"} (OpenFlow ${t.version})`;
    let suite = suites.get(name);
    if (!suite) {
      suite = { name, cases: [], timestamp: new Date(run.startedAt), hostname: run.hostname };
      suites.set(name, suite);
    }
    suite.cases.push(junitCase(t));
  }
  return junitXml([...suites.values()], "oftest");
}
