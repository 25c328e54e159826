// Checks of every timeout and delay option: a finite number of milliseconds that setTimeout
// can hold (above 2^31 - 1 it would fire at once), and above 0 where 0 cannot work.
import { MAX_TIMEOUT_MS } from "./_deadlines.ts";

/** Whether 0 is a meaningful value of the option ("just look", "off"). */
export type Zero = "zero allowed" | "zero refused";

/**
 * Returns `value` (or `fallback` when undefined) after checking it.
 *
 * @throws {RangeError} If it is not a finite number from 0 (or 1) to 2^31 - 1.
 */
export function checkTimeout(
  name: string,
  value: number | undefined,
  fallback: number,
  zero: Zero,
): number {
  const t = value ?? fallback;
  const min = zero === "zero allowed" ? 0 : 1;
  if (typeof t !== "number" || !(t >= min && t <= MAX_TIMEOUT_MS)) {
    const why = t === Infinity ? " (infinite waits are refused)" : "";
    throw new RangeError(
      `Expected ${name} to be from ${min} to ${MAX_TIMEOUT_MS} ms, got ${String(t)}${why}`,
    );
  }
  return t;
}
