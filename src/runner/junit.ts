/**
 * JUnit XML for test results: the report format CI systems (GitLab, Jenkins, GitHub
 * actions' test reporters) read. Generic: any runner maps its results to suites of cases.
 *
 * @module
 */

/** How a test case ended, in JUnit's terms. */
export type JUnitStatus = "passed" | "failed" | "error" | "skipped";

/** One `<testcase>`. */
export interface JUnitCase {
  /** The case's name. */
  name: string;
  /** The class (group) it belongs to; default the suite's name. */
  classname?: string;
  /** Wall time in seconds. */
  time?: number;
  /** The verdict. */
  status: JUnitStatus;
  /** One line: why it failed, errored or was skipped. */
  message?: string;
  /** More text (stack, diff), the element's body. */
  details?: string;
}

/** One `<testsuite>`. */
export interface JUnitSuite {
  /** The suite's name (a file, a group). */
  name: string;
  /** Its cases, in order. */
  cases: JUnitCase[];
  /** When it started (ISO 8601 without time zone is what JUnit's schema wants). */
  timestamp?: Date;
  /** Where it ran. */
  hostname?: string;
}

/** Escapes text for XML attributes and bodies (also drops characters XML 1.0 forbids). */
function xml(text: string): string {
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const seconds = (t: number | undefined) => (t ?? 0).toFixed(3);

/**
 * Renders suites as one JUnit XML document (`<testsuites>` with a `<testsuite>` per suite),
 * with the counts JUnit consumers read: tests, failures, errors, skipped and time, per
 * suite and in total.
 *
 * @param suites The suites.
 * @param name The document's name attribute. Default "oftest".
 * @returns The XML text, ending with a newline.
 *
 * @example
 * ```ts
 * import { junitXml } from "@oftest/oftest/runner";
 * import assert from "node:assert/strict";
 *
 * const text = junitXml([{
 *   name: "action: 00_OUTPUT",
 *   cases: [
 *     { name: "ethernet/ipv4/tcp-->'actions=output:2'", status: "passed", time: 0.01 },
 *     { name: "ethernet/arp-->'actions=output:2'", status: "failed", message: "Received incorrect packet: eth.dst" },
 *   ],
 * }]);
 * assert.match(text, /<testsuites name="oftest" tests="2" failures="1" errors="0" skipped="0"/);
 * assert.match(text, /<failure message="Received incorrect packet: eth.dst"/);
 * assert.match(text, /&apos;actions=output:2&apos;/);
 * ```
 */
export function junitXml(suites: readonly JUnitSuite[], name = "oftest"): string {
  const count = (cases: readonly JUnitCase[], s: JUnitStatus) =>
    cases.filter((c) => c.status === s).length;
  const all = suites.flatMap((s) => s.cases);
  const total = all.reduce((t, c) => t + (c.time ?? 0), 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(name)}" tests="${all.length}" failures="${count(all, "failed")}" ` +
    `errors="${count(all, "error")}" skipped="${count(all, "skipped")}" time="${seconds(total)}">`,
  ];
  suites.forEach((suite, id) => {
    const time = suite.cases.reduce((t, c) => t + (c.time ?? 0), 0);
    const attrs = [
      `name="${xml(suite.name)}"`,
      `id="${id}"`,
      `tests="${suite.cases.length}"`,
      `failures="${count(suite.cases, "failed")}"`,
      `errors="${count(suite.cases, "error")}"`,
      `skipped="${count(suite.cases, "skipped")}"`,
      `time="${seconds(time)}"`,
    ];
    if (suite.timestamp) attrs.push(`timestamp="${suite.timestamp.toISOString().slice(0, 19)}"`);
    if (suite.hostname) attrs.push(`hostname="${xml(suite.hostname)}"`);
    lines.push(`  <testsuite ${attrs.join(" ")}>`);
    for (const c of suite.cases) {
      const head = `    <testcase name="${xml(c.name)}" classname="${
        xml(c.classname ?? suite.name)
      }" time="${seconds(c.time)}"`;
      if (c.status === "passed") {
        lines.push(`${head}/>`);
        continue;
      }
      const tag = c.status === "failed" ? "failure" : c.status === "error" ? "error" : "skipped";
      const message = (c.message === undefined ? "" : ` message="${xml(c.message)}"`) +
        (tag === "skipped" ? "" : ` type="${tag}"`);
      lines.push(`${head}>`);
      lines.push(
        c.details === undefined
          ? `      <${tag}${message}/>`
          : `      <${tag}${message}>${xml(c.details)}</${tag}>`,
      );
      lines.push("    </testcase>");
    }
    lines.push("  </testsuite>");
  });
  lines.push("</testsuites>");
  return lines.join("\n") + "\n";
}
