/**
 * What a suite run produced: one result per test run, and the run's facts. Every report
 * (console, JSON, JUnit, HTML) is written from these.
 *
 * @module
 */
import type { TestStatus } from "../testing/_run_one.ts";

export type { TestStatus };

/** One OpenFlow message exchanged during a test, for the reports. */
export interface ExchangedMessage {
  /** `"out"`: to the switch; `"in"`: from it. */
  direction: "in" | "out";
  /** Milliseconds since the test started. */
  atMs: number;
  /** A one-line summary, e.g. `FLOW_MOD xid 12 (96 bytes)`. */
  summary: string;
}

/** One run of one test. */
export interface TestResult {
  /** The test's name. */
  name: string;
  /** Its group. */
  group: string;
  /** The OpenFlow version it ran with: `"1.0"` or `"1.3"`. */
  version: string;
  /** How it ended. */
  status: TestStatus;
  /** Its wall time in ms (without the reset before it). */
  durationMs: number;
  /** The reset and settle before it, in ms. */
  resetMs: number;
  /** Why it failed, was skipped or was expected to fail. */
  message?: string;
  /** The failure's stack (pointing at the test's line). */
  stack?: string;
  /** Where the test is declared. */
  location: string;
  /** Which repetition (from 1) with `--repeat`. */
  repetition: number;
  /** Messages exchanged with the switch, when recorded. */
  messages?: ExchangedMessage[];
  /** pcap files written for it, when `--pcap` was given. */
  pcaps?: string[];
}

/** Counts by status. */
export interface RunSummary {
  /** Tests that passed. */
  passed: number;
  /** Tests that failed (including expected failures that passed). */
  failed: number;
  /** Tests skipped. */
  skipped: number;
  /** Tests that failed as expected. */
  xfail: number;
}

/** A whole run. */
export interface RunResult {
  /** Every result, in run order. */
  tests: TestResult[];
  /** Counts by status. */
  summary: RunSummary;
  /** The target, as described by its session(s). */
  target: string;
  /** The seed of the order, when shuffled. */
  seed?: number;
  /** Wall time of the whole run, in ms (sessions included). */
  wallMs: number;
  /** When it started (ISO 8601). */
  startedAt: string;
  /** The machine it ran on. */
  hostname: string;
}

/**
 * Counts results by status.
 *
 * @param tests The results.
 * @returns The counts.
 */
export function summarize(tests: readonly TestResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, xfail: 0 };
  for (const t of tests) summary[t.status]++;
  return summary;
}
