/**
 * The error a switch test fails with when the switch did something else than expected (other
 * than on the data plane, see `DataPlaneAssertionError`).
 *
 * @module
 */

/** Options of {@linkcode SwitchAssertionError}. */
export interface SwitchAssertionErrorOptions {
  /** What was expected, as data (for reports). */
  expected?: unknown;
  /** What came instead, as data (for reports). */
  actual?: unknown;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A switch did not behave as a test expected: a packet-in that did not come or differed, an
 * error the switch sent, a counter with the wrong value. Its stack points at the test's line.
 *
 * @example
 * ```ts
 * import { SwitchAssertionError } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const e = new SwitchAssertionError("Expected 1 flow, got 2", { expected: 1, actual: 2 });
 * assert.equal(e.name, "SwitchAssertionError");
 * assert.equal(e.actual, 2);
 * ```
 */
export class SwitchAssertionError extends Error {
  /** What was expected. */
  readonly expected: unknown;
  /** What came instead. */
  readonly actual: unknown;

  /**
   * Creates the error.
   *
   * @param message What was expected and what came.
   * @param options The data involved and the cause.
   */
  constructor(message: string, options: SwitchAssertionErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "SwitchAssertionError";
    this.expected = options.expected;
    this.actual = options.actual;
  }
}
