/**
 * Runs Ryu's switch-test patterns against a target switch with Ryu's tester semantics:
 * clean state, prerequisites installed and confirmed through stats, each ingress frame sent
 * into the target's receive port, then the `egress`, `PACKET_IN`, `table-miss` or throughput
 * check. The target is abstract — a controller session and a data plane that reaches its
 * ports — so any switch can be plugged in.
 *
 * @module
 */
import type { SwitchConnection } from "../controller/mod.ts";
import type { Of10FlowMod, Of10FlowStats, Of13FlowStats, OfpMessage } from "../ofp/mod.ts";
import type { DataPlane } from "../testing/mod.ts";
import { logger } from "../_log.ts";
import {
  describeFlow10,
  describeFlow13,
  describeGroup,
  describeMeter,
  sameFlow10,
  sameFlow13,
  sameGroup,
  sameMeter,
} from "./_compare.ts";
import { type CheckContext, checkFrame, checkTableMiss } from "./_checks.ts";
import { TestFailure } from "./_failure.ts";
import { TargetOps } from "./_target_ops.ts";
import { checkThroughput } from "./_throughput.ts";
import type { RyuPatternFile, RyuPatternTest, RyuPrerequisite } from "./patterns.ts";
import { RYU_DEFAULT_PORTS, type RyuPorts } from "./ports.ts";

const log = logger("ryu");

/** The switch under test, as the runner reaches it. */
export interface RyuTarget {
  /** A controller session to the target switch (OpenFlow 1.0 or 1.3). */
  conn: SwitchConnection;
  /** Frames into and out of the target's ports: the tester's place in Ryu's topology. */
  dataPlane: DataPlane;
  /**
   * Called after flows, groups and meters changed and before a frame is sent, so the
   * datapath obeys the new state (Open vSwitch: purge its datapath flow cache).
   */
  settle(): Promise<void>;
}

/** How a test ended. `SKIPPED`: not run (a throughput test without `throughput`, OpenFlow 1.4). */
export type RyuTestStatus = "OK" | "ERROR" | "SKIPPED";

/** The verdict on one test of a pattern file. */
export interface RyuTestResult {
  /** The pattern file. */
  file: string;
  /** The file's title (`"action: 00_OUTPUT"`). */
  title: string;
  /** The test's description. */
  description: string;
  /** The verdict. */
  status: RyuTestStatus;
  /** Why it is ERROR or SKIPPED, in Ryu's words (`"Failed to add flows: OFPErrorMsg[...]"`). */
  reason?: string;
  /** The reason's category: its text before the first colon, as Ryu's report groups them. */
  category?: string;
  /** Wall time of the test in seconds. */
  seconds: number;
}

/** Options of {@linkcode runPatternFile}. */
export interface RyuRunOptions {
  /** Port numbers of the topology. Default Ryu's (1, 2, 3). */
  ports?: Readonly<RyuPorts>;
  /** Run throughput tests (they take `duration_time`, 30 s each). Default false: SKIPPED. */
  throughput?: boolean;
  /** Ryu's WAIT_TIMER: how long to wait for a reply, frame or packet-in, in ms. Default 3000. */
  timeout?: number;
  /** Ryu's INTERVAL: the longest wait for table stats to count a lookup, in ms. Default 1000. */
  tableMissWait?: number;
  /** How long to watch for frames elsewhere after the expected one, in ms. Default 50. */
  quiet?: number;
  /** Which tests to run; the others are left out of the results. Default all. */
  filter?: (file: RyuPatternFile, test: RyuPatternTest) => boolean;
  /** Called with each result as it is decided (progress). */
  onResult?: (result: RyuTestResult) => void;
  /** A uniform random integer in [lo, hi] for `randint` in packets. Default crypto-random. */
  randint?: (lo: bigint, hi: bigint) => bigint;
  /**
   * Runs a throughput test's sending and counting (e.g. one at a time across parallel
   * runners, so they do not share the CPU). Default: runs it directly.
   */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
}

const VERSION_NAMES: Record<number, string> = { 1: "1.0", 4: "1.3", 5: "1.4" };

/** Why a file cannot run on a session of `version` (undefined: it can). */
function versionSkip(file: RyuPatternFile, version: number | undefined): string | undefined {
  if (file.version === 5) return "needs OpenFlow 1.4 (this runner speaks 1.0 and 1.3)";
  if (file.version === version) return undefined;
  return `needs OpenFlow ${VERSION_NAMES[file.version]}, the session speaks ${
    version === undefined ? "none" : VERSION_NAMES[version] ?? version
  }`;
}

/**
 * The results of a file that no session runs: every test SKIPPED, with the OpenFlow version
 * it needs (an OpenFlow 1.4 file; a 1.0 file when only 1.3 is spoken, or the reverse).
 *
 * @param file The pattern file.
 * @param version The version of the session there is, if any.
 * @param filter Which tests to report. Default all.
 * @returns One SKIPPED result per test.
 *
 * @example
 * ```ts
 * import { parsePatternFile, skipPatternFile } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const file = parsePatternFile('["match: 41_PBB_UCA", {"description": "d", "prerequisite": [], "tests": []}]', "of14/match/41_PBB_UCA.json");
 * const [r] = skipPatternFile(file, 4);
 * assert.equal(r.status, "SKIPPED");
 * assert.match(r.reason!, /needs OpenFlow 1\.4/);
 * ```
 */
export function skipPatternFile(
  file: RyuPatternFile,
  version?: number,
  filter?: (file: RyuPatternFile, test: RyuPatternTest) => boolean,
): RyuTestResult[] {
  const reason = versionSkip(file, version) ?? "not run";
  return file.tests.filter((t) => !filter || filter(file, t)).map((t) => ({
    file: file.file,
    title: file.title,
    description: t.description,
    status: "SKIPPED" as const,
    reason,
    category: reason,
    seconds: 0,
  }));
}

/**
 * Runs every test of a pattern file against a target, one after the other, on the
 * target's session. A file for a version the session does not speak (and every OpenFlow
 * 1.4 file: this runner speaks 1.0 and 1.3) gives SKIPPED results naming the version.
 *
 * @param file The pattern file, read with {@linkcode readPatternFile}.
 * @param target The switch under test.
 * @param options Ports, timeouts, throughput, filter, progress.
 * @returns One result per test, in file order.
 * @throws {ConnectionClosedError} Never: a lost session makes the remaining tests ERROR
 *   ("Disconnected from switch").
 *
 * @example
 * ```ts ignore
 * import { readPatternFile, runPatternFile } from "@oftest/oftest/ryu";
 *
 * const file = await readPatternFile("../shared/ryu-switch-tests/of13/action/00_OUTPUT.json");
 * const results = await runPatternFile(file, {
 *   conn,
 *   dataPlane,
 *   settle: () => ovs.purgeDatapathFlows(),
 * });
 * for (const r of results) console.log(r.description, r.status, r.reason ?? "");
 * ```
 */
export async function runPatternFile(
  file: RyuPatternFile,
  target: RyuTarget,
  options: RyuRunOptions = {},
): Promise<RyuTestResult[]> {
  const ports = options.ports ?? RYU_DEFAULT_PORTS;
  const ops = new TargetOps(target.conn, options.timeout ?? 3000);
  const ctx: CheckContext = {
    ops,
    dataPlane: target.dataPlane,
    ports,
    timeout: options.timeout ?? 3000,
    quiet: options.quiet ?? 50,
    tableMissWait: options.tableMissWait ?? 1000,
    build: options.randint ? { randint: options.randint } : {},
    exclusive: options.exclusive ?? ((fn) => fn()),
  };
  const results: RyuTestResult[] = [];
  const emit = (r: RyuTestResult) => {
    results.push(r);
    options.onResult?.(r);
  };
  const version = target.conn.version;
  for (const test of file.tests) {
    if (options.filter && !options.filter(file, test)) continue;
    const base = { file: file.file, title: file.title, description: test.description };
    const start = performance.now();
    let skip = versionSkip(file, version);
    if (
      skip === undefined && !options.throughput && test.tests.some((t) => t.kind === "throughput")
    ) {
      skip = "throughput test (run with --throughput)";
    }
    if (skip !== undefined) {
      emit({ ...base, status: "SKIPPED", reason: skip, category: skip, seconds: 0 });
      continue;
    }
    try {
      await runTest(ctx, target, test);
      emit({ ...base, status: "OK", seconds: (performance.now() - start) / 1000 });
    } catch (e) {
      if (!(e instanceof TestFailure)) {
        log.error("Test {description} of {file} raised {error}", {
          description: test.description,
          file: file.file,
          error: e,
        });
      }
      const failure = e instanceof TestFailure
        ? e
        : target.conn.isClosed
        ? new TestFailure("Disconnected from switch", String(e), { cause: e })
        : new TestFailure("Tester error", e instanceof Error ? e.message : String(e), { cause: e });
      emit({
        ...base,
        status: "ERROR",
        reason: failure.message,
        category: failure.category,
        seconds: (performance.now() - start) / 1000,
      });
    }
  }
  return results;
}

/** One test: clean state, prerequisites installed and confirmed, the packet tests. */
async function runTest(ctx: CheckContext, target: RyuTarget, test: RyuPatternTest): Promise<void> {
  const { ops } = ctx;
  if (target.conn.isClosed) {
    throw new TestFailure("Disconnected from switch", "the session is closed");
  }
  await ops.initialize();
  for (const msg of test.prerequisite) await installAndConfirm(ops, msg);
  await target.settle();
  for (const t of test.tests) {
    if (t.kind === "egress" || t.kind === "packet-in") await checkFrame(ctx, t);
    else if (t.kind === "table-miss") await checkTableMiss(ctx, t);
    else await ctx.exclusive(() => checkThroughput(ctx, t));
  }
}

/** Ryu's STATE_*_INSTALL then STATE_*_EXIST_CHK. */
async function installAndConfirm(ops: TargetOps, msg: RyuPrerequisite): Promise<void> {
  if (msg.type === "FLOW_MOD") {
    await ops.install(msg as OfpMessage, "Failed to add flows");
    const flows = await ops.flows();
    if (msg.version === 4) {
      if (!(flows as Of13FlowStats[]).some((f) => sameFlow13(f, msg))) {
        throw new TestFailure(
          "Added incorrect flows",
          `flow_stats(${describeFlow13(msg)} not among ${flows.length} flow(s): ${
            (flows as Of13FlowStats[]).map(describeFlow13).join(" | ")
          })`,
        );
      }
    } else if (!(flows as Of10FlowStats[]).some((f) => sameFlow10(f, msg as Of10FlowMod))) {
      throw new TestFailure(
        "Added incorrect flows",
        `flow_stats(${describeFlow10(msg as Of10FlowMod)} not among ${flows.length} flow(s): ${
          (flows as Of10FlowStats[]).map(describeFlow10).join(" | ")
        })`,
      );
    }
  } else if (msg.type === "GROUP_MOD") {
    await ops.install(msg, "Failed to add groups");
    const groups = await ops.groups();
    if (!groups.some((g) => sameGroup(g, msg))) {
      throw new TestFailure(
        "Added incorrect groups",
        `group_stats(${describeGroup(msg)} not among: ${groups.map(describeGroup).join(" | ")})`,
      );
    }
  } else {
    await ops.install(msg, "Failed to add meters");
    const meters = await ops.meters();
    if (!meters.some((m) => sameMeter(m, msg))) {
      throw new TestFailure(
        "Added incorrect meters",
        `meter_stats(${describeMeter(msg)} not among: ${meters.map(describeMeter).join(" | ")})`,
      );
    }
  }
}
