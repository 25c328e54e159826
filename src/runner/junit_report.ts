/**
 * The JUnit XML report, in the form CI systems read (Jenkins' `junit-10.xsd`, GitLab, GitHub
 * actions): `testsuites` > one `testsuite` per group and version > `testcase`, with `failure`
 * or `skipped` (expected failures are reported as skipped with their reason).
 *
 * @module
 */
import type { RunResult, TestResult } from "./result.ts";

/** Escapes text for an XML attribute or element. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    // Characters XML 1.0 forbids (control characters other than tab, LF, CR).
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd");
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(t: TestResult): string {
  const name = t.repetition > 1 ? `${t.name} (run ${t.repetition})` : t.name;
  const open = `    <testcase name="${xmlEscape(name)}" classname="${
    xmlEscape(`${t.group || "suite"}.OpenFlow${t.version}`)
  }" time="${seconds(t.durationMs)}">`;
  const message = xmlEscape(t.message ?? "");
  switch (t.status) {
    case "passed":
      return `${open}</testcase>`;
    case "skipped":
      return `${open}\n      <skipped message="${message}"/>\n    </testcase>`;
    case "xfail":
      return `${open}\n      <skipped message="expected failure: ${message}"/>\n    </testcase>`;
    case "failed":
      return `${open}\n      <failure message="${message}" type="failure">${
        xmlEscape(t.stack ?? t.message ?? "")
      }</failure>\n    </testcase>`;
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
 * import { junitReport } from "./junit_report.ts";
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
 * assert.match(xml, /<testcase name="echo" classname="basic.OpenFlow1.3" time="0.002">/);
 * ```
 */
export function junitReport(run: RunResult): string {
  const suites = new Map<string, TestResult[]>();
  for (const t of run.tests) {
    const key = `${t.group || "suite"} (OpenFlow ${t.version})`;
    suites.set(key, [...(suites.get(key) ?? []), t]);
  }
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="oftest" tests="${run.tests.length}" failures="${run.summary.failed}" errors="0" skipped="${
      run.summary.skipped + run.summary.xfail
    }" time="${seconds(run.wallMs)}">`,
  ];
  let id = 0;
  for (const [name, tests] of suites) {
    const failures = tests.filter((t) => t.status === "failed").length;
    const skipped = tests.filter((t) => t.status === "skipped" || t.status === "xfail").length;
    const time = tests.reduce((sum, t) => sum + t.durationMs + t.resetMs, 0);
    lines.push(
      `  <testsuite name="${
        xmlEscape(name)
      }" id="${id++}" package="oftest" tests="${tests.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${
        seconds(time)
      }" timestamp="${run.startedAt.replace(/\.\d+Z$/, "")}" hostname="${
        xmlEscape(run.hostname)
      }">`,
      `    <properties>\n      <property name="target" value="${
        xmlEscape(run.target)
      }"/>\n    </properties>`,
      ...tests.map(testcase),
      `    <system-out/>`,
      `    <system-err/>`,
      `  </testsuite>`,
    );
  }
  lines.push(`</testsuites>`);
  return lines.join("\n") + "\n";
}
