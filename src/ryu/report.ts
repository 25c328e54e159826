/**
 * Reports of a Ryu pattern run: the lines Ryu's tool prints, its closing report (errors by
 * reason, then the totals), the JSON summary and the JUnit suites.
 *
 * @module
 */
import type { JUnitSuite } from "../runner/junit.ts";
import type { RyuTestResult } from "./runner.ts";

/**
 * The line(s) Ryu's tool prints for a test: the description padded to 100 columns and the
 * verdict, then the reason indented on the next line.
 *
 * @param result The test's result.
 * @returns One line, or two with the reason.
 *
 * @example
 * ```ts
 * import { formatResult } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const text = formatResult({ file: "f.json", title: "action: 00_OUTPUT", description: "x", status: "ERROR", reason: "Failed to add flows: barrier request timeout.", seconds: 3 });
 * assert.equal(text, `    ${"x".padEnd(100)} ERROR\n        Failed to add flows: barrier request timeout.`);
 * ```
 */
export function formatResult(result: RyuTestResult): string {
  const line = `    ${result.description.padEnd(100)} ${result.status}`;
  return result.reason === undefined ? line : `${line}\n        ${result.reason}`;
}

/** Counts of a run by status, and the non-OK results by reason category. */
export interface RyuSummary {
  /** Tests that passed. */
  OK: number;
  /** Tests that failed. */
  ERROR: number;
  /** Tests not run (throughput without `--throughput`, OpenFlow 1.4, another version). */
  SKIPPED: number;
  /** ERROR results by category (Ryu's report), in first-seen order. */
  errors: Map<string, RyuTestResult[]>;
  /** SKIPPED results by reason. */
  skipped: Map<string, RyuTestResult[]>;
}

/**
 * Counts results and groups the errors by category, as Ryu's closing report does.
 *
 * @param results The results.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { summarize } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const s = summarize([
 *   { file: "f", title: "t", description: "a", status: "OK", seconds: 0 },
 *   { file: "f", title: "t", description: "b", status: "ERROR", reason: "Table-miss error: no change in lookup_count.", category: "Table-miss error", seconds: 0 },
 * ]);
 * assert.equal(s.OK, 1);
 * assert.equal(s.errors.get("Table-miss error")?.length, 1);
 * ```
 */
export function summarize(results: readonly RyuTestResult[]): RyuSummary {
  const s: RyuSummary = { OK: 0, ERROR: 0, SKIPPED: 0, errors: new Map(), skipped: new Map() };
  for (const r of results) {
    s[r.status]++;
    if (r.status === "OK") continue;
    const map = r.status === "ERROR" ? s.errors : s.skipped;
    const key = r.status === "ERROR" ? (r.category ?? r.reason ?? "ERROR") : (r.reason ?? "");
    const list = map.get(key) ?? [];
    list.push(r);
    map.set(key, list);
  }
  return s;
}

/**
 * Ryu's closing report: each error category with its count and tests, the skipped tests by
 * reason, then `OK(n) / ERROR(n)`.
 *
 * @param results The results.
 * @returns The report's text.
 *
 * @example
 * ```ts
 * import { formatSummary } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const text = formatSummary([{ file: "f", title: "match: 00_IN_PORT", description: "d", status: "OK", seconds: 0 }]);
 * assert.match(text, /OK\(1\) \/ ERROR\(0\)$/);
 * ```
 */
export function formatSummary(results: readonly RyuTestResult[]): string {
  const s = summarize(results);
  const lines = ["--- Test report ---"];
  for (const [category, list] of [...s.errors].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${category}(${list.length})`);
    for (const r of list) lines.push(`    ${r.title.padEnd(40)} ${r.description}`);
  }
  for (const [reason, list] of s.skipped) {
    lines.push(`SKIPPED: ${reason}(${list.length})`);
  }
  lines.push("");
  const skipped = s.SKIPPED ? ` / SKIPPED(${s.SKIPPED})` : "";
  lines.push(`OK(${s.OK}) / ERROR(${s.ERROR})${skipped}`);
  return lines.join("\n");
}

/** The `--json` document: one entry per test, then the counts. */
export interface RyuJsonReport {
  /** One entry per test, in run order. */
  tests: {
    file: string;
    description: string;
    status: "OK" | "ERROR" | "SKIPPED";
    reason?: string;
  }[];
  /** Counts by status; `SKIPPED` only when some test was skipped. */
  summary: { OK: number; ERROR: number; SKIPPED?: number };
}

/**
 * The `--json` document: `{ tests: [{ file, description, status, reason? }], summary: { OK, ERROR } }`,
 * with `SKIPPED` in the summary when some test has that status.
 *
 * @param results The results.
 * @returns The document (pass it to `JSON.stringify`).
 *
 * @example
 * ```ts
 * import { jsonReport } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const doc = jsonReport([{ file: "f.json", title: "t", description: "d", status: "OK", seconds: 0.1 }]);
 * assert.deepEqual(doc, { tests: [{ file: "f.json", description: "d", status: "OK" }], summary: { OK: 1, ERROR: 0 } });
 * ```
 */
export function jsonReport(results: readonly RyuTestResult[]): RyuJsonReport {
  const s = summarize(results);
  return {
    tests: results.map((r) => ({
      file: r.file,
      description: r.description,
      status: r.status,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
    })),
    summary: { OK: s.OK, ERROR: s.ERROR, ...(s.SKIPPED ? { SKIPPED: s.SKIPPED } : {}) },
  };
}

/**
 * The results as JUnit suites: one suite per pattern file (named by its title), one case
 * per test; ERROR is a failure, SKIPPED skipped.
 *
 * @param results The results.
 * @returns The suites, for `junitXml`.
 *
 * @example
 * ```ts
 * import { junitSuites } from "@oftest/oftest/ryu";
 * import { junitXml } from "@oftest/oftest/runner";
 * import assert from "node:assert/strict";
 *
 * const suites = junitSuites([{ file: "f.json", title: "group: 00_ALL", description: "d", status: "SKIPPED", reason: "throughput test (run with --throughput)", seconds: 0 }]);
 * assert.equal(suites[0].cases[0].status, "skipped");
 * assert.match(junitXml(suites), /<skipped message="throughput test/);
 * ```
 */
export function junitSuites(results: readonly RyuTestResult[]): JUnitSuite[] {
  const byFile = new Map<string, JUnitSuite>();
  for (const r of results) {
    let suite = byFile.get(r.file);
    if (!suite) {
      suite = { name: r.title, cases: [] };
      byFile.set(r.file, suite);
    }
    suite.cases.push({
      name: r.description,
      classname: r.file,
      time: r.seconds,
      status: r.status === "OK" ? "passed" : r.status === "ERROR" ? "failed" : "skipped",
      message: r.reason,
    });
  }
  return [...byFile.values()];
}
