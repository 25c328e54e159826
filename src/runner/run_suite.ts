/**
 * Runs declared switch tests against a target: one lane per OpenFlow version (run side by
 * side, each on its own session), a seeded order, repetitions, fail-fast, and a result per
 * test run.
 *
 * @module
 */
import type { HelperTimeouts } from "../testing/context.ts";
import type { SwitchTestDefinition } from "../testing/_registry.ts";
import { runOne, type TestOutcome } from "../testing/_run_one.ts";
import type { SessionVersion, SwitchSession } from "../testing/session.ts";
import { SessionPool } from "../testing/_session_pool.ts";
import type { TargetSpec } from "../testing/target.ts";
import { type RunResult, summarize, type TestResult } from "./result.ts";
import { shuffled } from "./_shuffle.ts";

/** Options of {@linkcode runSuite}. */
export interface RunOptions {
  /** The switch. */
  target: TargetSpec;
  /** Versions to run (tests declared for others are left out). */
  versions: readonly SessionVersion[];
  /** Which tests, by their label (`"group: name"`). Default all. */
  select?: (label: string, def: SwitchTestDefinition) => boolean;
  /** Shuffle with this seed; default declaration order. */
  seed?: number;
  /** Runs of each test. Default 1. */
  repeat?: number;
  /** Stop at the first failure. */
  failFast?: boolean;
  /** Multiplies every test's deadline. Default 1. */
  deadlineScale?: number;
  /** How long the helpers wait. */
  timeouts?: Partial<HelperTimeouts>;
  /** Called when a session opens (for progress). */
  onSession?: (version: SessionVersion, session: SwitchSession) => void;
  /** Called before each test (for progress). */
  onStart?: (label: string, version: SessionVersion) => void;
  /** Called with each result as it comes. */
  onResult?: (result: TestResult) => void;
  /** Called around each test with its session, to record what it exchanged. */
  recorder?: (session: SwitchSession, result: Omit<TestResult, "status">) => TestRecording;
}

/** A recording of one test, stopped when the test ends. */
export interface TestRecording {
  /** Stops recording and adds what was recorded to the result. */
  finish(result: TestResult): Promise<void>;
}

/** The OpenFlow version name of a session version. */
export const VERSION_NAME: Record<SessionVersion, string> = { 1: "1.0", 4: "1.3" };

/**
 * A test's label: `"group: name"`, or just the name.
 *
 * @param def The test.
 * @returns The label.
 */
export function labelOf(def: { group: string; name: string }): string {
  return def.group ? `${def.group}: ${def.name}` : def.name;
}

interface Job {
  def: SwitchTestDefinition;
  version: SessionVersion;
  repetition: number;
}

/**
 * Runs the tests.
 *
 * @param defs The declared tests.
 * @param options Target, selection, order, repetitions.
 * @returns Every result and the counts.
 */
export async function runSuite(
  defs: readonly SwitchTestDefinition[],
  options: RunOptions,
): Promise<RunResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const pool = new SessionPool(options.target);
  const results: TestResult[] = [];
  const descriptions = new Set<string>();
  let stop = false;
  const lanes = options.versions.map(async (version) => {
    let jobs: Job[] = [];
    for (const def of defs) {
      if (!def.versions.includes(version)) continue;
      if (options.select && !options.select(labelOf(def), def)) continue;
      for (let r = 1; r <= (options.repeat ?? 1); r++) jobs.push({ def, version, repetition: r });
    }
    if (options.seed !== undefined) jobs = shuffled(jobs, options.seed + version);
    if (jobs.length === 0) return;
    let session: SwitchSession | undefined;
    let openError: unknown;
    try {
      session = await pool.get(version);
      descriptions.add(session.info.description);
      options.onSession?.(version, session);
    } catch (e) {
      openError = e;
    }
    for (const job of jobs) {
      if (stop) break;
      if (session?.conn.isClosed) {
        // The switch went away mid-run: later tests get a new session.
        session = undefined;
        try {
          session = await pool.renew(version);
        } catch (e) {
          openError = e;
        }
      }
      options.onStart?.(labelOf(job.def), version);
      const result = await runJob(job, session, openError, options);
      results.push(result);
      options.onResult?.(result);
      if (options.failFast && result.status === "failed") stop = true;
    }
  });
  try {
    await Promise.all(lanes);
  } finally {
    await pool.close();
  }
  return {
    tests: results,
    summary: summarize(results),
    target: [...descriptions].join("; ") || options.target.kind,
    seed: options.seed,
    wallMs: performance.now() - started,
    startedAt,
    hostname: hostname(),
  };
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost"; // no --allow-sys
  }
}

async function runJob(
  job: Job,
  session: SwitchSession | undefined,
  openError: unknown,
  options: RunOptions,
): Promise<TestResult> {
  const base = {
    name: job.def.name,
    group: job.def.group,
    version: VERSION_NAME[job.version],
    durationMs: 0,
    resetMs: 0,
    location: job.def.location,
    repetition: job.repetition,
  };
  if (!session) {
    return {
      ...base,
      status: "failed",
      message: `No session: ${openError instanceof Error ? openError.message : openError}`,
    };
  }
  const recording = options.recorder?.(session, base);
  const outcome: TestOutcome = await runOne(
    job.def,
    session,
    options.timeouts,
    options.deadlineScale,
  );
  const result: TestResult = {
    ...base,
    status: outcome.status,
    durationMs: outcome.durationMs,
    resetMs: outcome.resetMs,
    message: outcome.message,
    stack: outcome.error instanceof Error && outcome.status === "failed"
      ? outcome.error.stack
      : undefined,
  };
  await recording?.finish(result);
  return result;
}
