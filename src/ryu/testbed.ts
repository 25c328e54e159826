/**
 * Ryu's topology on any target: each session's switch is Ryu's target switch, and its data
 * plane plays Ryu's tester (a frame sent into the target's receive port is what the tester's
 * send port would put on the wire; a frame out of a send port is what the tester would
 * receive). On a local target (Open vSwitch, the embedded switch) several sessions per
 * OpenFlow version let pattern files run in parallel.
 *
 * @module
 */
import { type SessionVersion, SwitchSession } from "../testing/session.ts";
import type { TargetSpec } from "../testing/target.ts";
import type { RyuTarget } from "./runner.ts";

/** Options of {@linkcode RyuTestbed.start}. */
export interface RyuTestbedOptions {
  /** The switch (see `chooseTarget`). */
  target: TargetSpec;
  /** OpenFlow versions to open sessions for: 1 (1.0) and/or 4 (1.3). */
  versions: readonly SessionVersion[];
  /** Sessions per version on a local target (files run in parallel across them). Default 1. */
  jobs?: number;
}

/**
 * Sessions for Ryu's patterns. Dispose it (`await using`) to close them.
 *
 * @example
 * ```ts ignore
 * import { readPatternFile, runPatternFile, RyuTestbed } from "@oftest/oftest/ryu";
 *
 * await using bed = await RyuTestbed.start({ target: { kind: "ovs" }, versions: [4] });
 * const file = await readPatternFile("../shared/ryu-switch-tests/of13/action/00_OUTPUT.json");
 * const results = await runPatternFile(file, bed.targets(4)[0]);
 * ```
 */
export class RyuTestbed implements AsyncDisposable {
  readonly #sessions = new Map<number, SwitchSession[]>();
  #closed: Promise<void> | undefined;

  private constructor() {}

  /**
   * Opens `jobs` sessions per version (one on a switch of your own: it is a single switch).
   *
   * @param options Target, versions, sessions per version.
   * @returns The testbed.
   * @throws {OvsNotFoundError} For an `ovs` target when Open vSwitch is not installed.
   * @throws {WaitTimeoutError} If a switch does not connect in time.
   */
  static async start(options: RyuTestbedOptions): Promise<RyuTestbed> {
    const local = options.target.kind === "ovs" || options.target.kind === "embedded";
    const jobs = local ? options.jobs ?? 1 : 1;
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
      throw new RangeError(`Expected jobs from 1 to 64, got ${jobs}`);
    }
    const bed = new RyuTestbed();
    const opening = options.versions.flatMap((version) =>
      Array.from(
        { length: jobs },
        () =>
          SwitchSession.open(options.target, { version }).then((s) => {
            bed.#sessions.set(version, [...(bed.#sessions.get(version) ?? []), s]);
          }),
      )
    );
    const outcomes = await Promise.allSettled(opening);
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) {
      await bed.close();
      throw (failed as PromiseRejectedResult).reason;
    }
    return bed;
  }

  /**
   * The targets of one OpenFlow version.
   *
   * @param version 1 or 4.
   * @returns The sessions of that version, or none for a version not opened.
   */
  targets(version: number): RyuTarget[] {
    return this.#sessions.get(version) ?? [];
  }

  /** What the switch is (from the first session). */
  get description(): string {
    return [...this.#sessions.values()][0]?.[0]?.info.description ?? "";
  }

  /** Closes every session. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const list of this.#sessions.values()) for (const s of list) await s.close();
    })();
    return this.#closed;
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
