// Runs one switch test on a session and classifies the outcome; shared by the Deno.test
// integration and the suite runner, so both agree on resets, deadlines and expected failures.
import { type HelperTimeouts, SwitchTestContext } from "./context.ts";
import { reasonFor, type SwitchTestDefinition } from "./_registry.ts";
import type { SwitchSession } from "./session.ts";

/** How a test ended. @internal */
export type TestStatus = "passed" | "failed" | "skipped" | "xfail";

/** The outcome of one run of one test. @internal */
export interface TestOutcome {
  /** How it ended. */
  status: TestStatus;
  /** Wall time of the test itself (not the reset), in ms. */
  durationMs: number;
  /** Wall time of the reset before it, in ms. */
  resetMs: number;
  /** Why it failed, was skipped or was expected to fail. */
  message?: string;
  /** The error it failed with (or the expected failure's error). */
  error?: unknown;
}

/** The deadline passed. @internal */
export class TestTimeoutError extends Error {
  constructor(ms: number) {
    super(`The test did not finish within ${ms} ms`);
    this.name = "TestTimeoutError";
  }
}

/** Runs `def` with `session` (reset first). Never throws: the outcome says what happened. @internal */
export async function runOne(
  def: SwitchTestDefinition,
  session: SwitchSession,
  timeouts: Partial<HelperTimeouts> = {},
  deadlineScale = 1,
): Promise<TestOutcome> {
  const kind = session.info.kind;
  const skip = reasonFor(def.skip, kind);
  if (skip) return { status: "skipped", durationMs: 0, resetMs: 0, message: skip };
  if (session.ports.length < def.ports) {
    return {
      status: "skipped",
      durationMs: 0,
      resetMs: 0,
      message: `needs ${def.ports} data ports, the target has ${session.ports.length}`,
    };
  }
  const resetStart = performance.now();
  try {
    await session.reset();
  } catch (e) {
    return {
      status: "failed",
      durationMs: 0,
      resetMs: performance.now() - resetStart,
      message: `Reset before the test failed: ${e instanceof Error ? e.message : e}`,
      error: e,
    };
  }
  const resetMs = performance.now() - resetStart;
  const ctx = new SwitchTestContext(def.name, session, timeouts);
  const start = performance.now();
  let error: unknown;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = def.timeout * deadlineScale;
  try {
    await Promise.race([
      Promise.resolve().then(() => def.fn(ctx)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TestTimeoutError(deadline)), deadline);
      }),
    ]);
  } catch (e) {
    error = e;
  } finally {
    clearTimeout(timer);
    ctx.dispose();
  }
  const durationMs = performance.now() - start;
  const xfail = reasonFor(def.xfail, kind);
  if (xfail !== undefined) {
    return error === undefined
      ? {
        status: "failed",
        durationMs,
        resetMs,
        message: `Expected to fail (${xfail}), but it passed: remove the expected failure`,
      }
      : {
        status: "xfail",
        durationMs,
        resetMs,
        // The reason, and how it failed: a report must show it failed for that reason.
        message: `${xfail} (failed: ${
          (error instanceof Error ? error.message : String(error)).split("\n")[0]
        })`,
        error,
      };
  }
  if (error === undefined) return { status: "passed", durationMs, resetMs };
  return {
    status: "failed",
    durationMs,
    resetMs,
    message: error instanceof Error ? error.message : String(error),
    error,
  };
}
