/**
 * Declaring switch tests. `switchTest` registers a `Deno.test` (so `deno test` filtering,
 * reporters and sanitizers keep working) and a definition the suite runner can run with its
 * own reports. Every test receives a {@linkcode SwitchTestContext} on a switch session shared
 * by the tests of the run and reset before each test.
 *
 * The target comes from `OFTEST_TARGET` (see `chooseTarget`); the versions from
 * `OFTEST_VERSIONS` (`1.0`, `1.3` or `1.0,1.3`; default both).
 *
 * @module
 */
import { callSite } from "../_call_site.ts";
import type { SwitchTestContext } from "./context.ts";
import { reasonFor, register, runnerActive, type SwitchTestDefinition } from "./_registry.ts";
import type { TargetReason } from "./target.ts";
import { runOne } from "./_run_one.ts";
import type { SessionVersion } from "./session.ts";
import { SessionPool } from "./_session_pool.ts";
import { chooseTarget } from "./target_choice.ts";

/** Options of {@linkcode switchTest}. */
export interface SwitchTestOptions<V extends SessionVersion = SessionVersion> {
  /** The OpenFlow version(s) the test is written for: 1 (1.0), 4 (1.3). Default both. */
  version?: V | readonly V[];
  /** A group for selection and reports, e.g. `"basic"`, `"groups"`. Default `""`. */
  group?: string;
  /** Tags for selection. */
  tags?: readonly string[];
  /** How many data ports the test needs (skipped on a target with fewer). Default 1. */
  ports?: number;
  /** Deadline of the test itself, in ms. Default 30000. */
  timeout?: number;
  /**
   * Why the test is expected to fail — for every target, or per target kind
   * (`{ ovs: "Open vSwitch ignores ..." }`). An expected failure that passes is reported as a
   * failure, so a fixed switch makes its marker go.
   */
  xfail?: TargetReason;
  /** Why the test is skipped — for every target, or per target kind. */
  skip?: TargetReason;
}

/** A switch test's body. */
export type SwitchTestFn<V extends SessionVersion> = (
  t: SwitchTestContext<V>,
) => void | Promise<void>;

const VERSION_NAMES: Record<SessionVersion, string> = { 1: "1.0", 4: "1.3" };

let pool: SessionPool | undefined;
let poolError: unknown;

function selectedVersions(): SessionVersion[] {
  const text = Deno.env.get("OFTEST_VERSIONS");
  if (!text) return [1, 4];
  return text.split(",").map((v) => {
    const version = ({ "1.0": 1, "1.3": 4 } as const)[v.trim() as "1.0" | "1.3"];
    if (!version) throw new TypeError(`Expected OFTEST_VERSIONS like 1.0,1.3, got "${text}"`);
    return version;
  });
}

function sharedPool(): SessionPool | undefined {
  if (pool || poolError) return pool;
  try {
    pool = new SessionPool(chooseTarget().target);
    Deno.test.afterAll(async () => {
      const closing = pool;
      pool = undefined;
      await closing?.close();
    });
  } catch (e) {
    poolError = e;
  }
  return pool;
}

/**
 * Declares a switch test.
 *
 * @param name The test's name.
 * @param options Versions, group, tags, ports, deadline, expected failures.
 * @param fn The test: receives the context, its switch already reset.
 *
 * @example
 * ```ts ignore
 * import { switchTest } from "@oftest/oftest/testing";
 * import { of13 } from "@oftest/oftest/ofp";
 * import { simpleTcpPacket } from "@oftest/oftest/packet";
 *
 * switchTest("a flow forwards port 1 to port 2", { version: 4, ports: 2 }, async (t) => {
 *   const [a, b] = t.ports;
 *   await t.install(of13.flowMod({
 *     match: of13.match({ in_port: a }),
 *     instructions: [of13.applyActions([of13.output(b)])],
 *   }));
 *   const frame = simpleTcpPacket();
 *   await t.send(a, frame);
 *   await t.verifyPackets(frame, [b]);
 * });
 * ```
 */
export function switchTest<V extends SessionVersion = SessionVersion>(
  name: string,
  options: SwitchTestOptions<V>,
  fn: SwitchTestFn<V>,
): void {
  const versions =
    (options.version === undefined
      ? [1, 4]
      : typeof options.version === "number"
      ? [options.version]
      : [...options.version]) as SessionVersion[];
  const def: SwitchTestDefinition = {
    name,
    group: options.group ?? "",
    tags: options.tags ?? [],
    versions,
    ports: options.ports ?? 1,
    timeout: options.timeout ?? 30_000,
    xfail: options.xfail,
    skip: options.skip,
    location: callSite().split("\n")[0]?.trim().replace(/^at /, "") ?? "",
    fn: fn as SwitchTestDefinition["fn"],
  };
  register(def);
  if (runnerActive()) return;
  const selected = selectedVersions();
  const kind = sharedPool()?.target.kind;
  const skipped = kind !== undefined && reasonFor(def.skip, kind) !== undefined;
  for (const version of versions) {
    const label = `${def.group ? `${def.group}: ` : ""}${name} [OpenFlow ${
      VERSION_NAMES[version]
    }]`;
    Deno.test({
      name: label,
      ignore: skipped || !selected.includes(version),
      fn: async () => {
        const sessions = sharedPool();
        if (!sessions) throw poolError;
        const outcome = await runOne(def, await sessions.get(version));
        if (outcome.status === "failed") throw outcome.error ?? new Error(outcome.message);
      },
    });
  }
}
