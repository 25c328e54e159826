/**
 * The JSON report: `{ tests: [{ name, group, status, durationMs, message? ... }], summary }`.
 *
 * @module
 */
import type { RunResult } from "./result.ts";

/**
 * Renders a run as JSON. Each test has at least `name`, `group`, `status` (`"passed"`,
 * `"failed"`, `"skipped"` or `"xfail"`), `durationMs` and, when there is one, `message`;
 * `summary` counts each status. Run facts (target, seed, wall time) are beside them.
 *
 * @param run The run.
 * @returns The JSON text.
 *
 * @example
 * ```ts
 * import { jsonReport } from "@oftest/oftest/runner";
 * import assert from "node:assert/strict";
 *
 * const text = jsonReport({
 *   tests: [],
 *   summary: { passed: 0, failed: 0, skipped: 0, xfail: 0 },
 *   target: "t",
 *   wallMs: 1,
 *   hostname: "ci",
 *   startedAt: "2026-01-01T00:00:00.000Z",
 * });
 * assert.deepEqual(JSON.parse(text).summary, { passed: 0, failed: 0, skipped: 0, xfail: 0 });
 * ```
 */
export function jsonReport(run: RunResult): string {
  return JSON.stringify(
    {
      tests: run.tests.map((t) => ({
        name: t.name,
        group: t.group,
        version: t.version,
        status: t.status,
        durationMs: round(t.durationMs),
        resetMs: round(t.resetMs),
        ...(t.message === undefined ? {} : { message: t.message }),
        location: t.location,
        ...(t.repetition > 1 ? { repetition: t.repetition } : {}),
        ...(t.pcaps ? { pcaps: t.pcaps } : {}),
      })),
      summary: run.summary,
      target: run.target,
      ...(run.seed === undefined ? {} : { seed: run.seed }),
      wallMs: round(run.wallMs),
      hostname: run.hostname,
      startedAt: run.startedAt,
    },
    null,
    2,
  ) + "\n";
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
