/**
 * Ryu's published switch-test patterns (`ryu/tests/switch/of10`, `of13`, `of14`), run with
 * the semantics of Ryu's tester against any switch: the pattern files are read (prerequisite
 * messages in Ryu's JSON form become this project's codec objects, packet expressions become
 * frames via the packet library), and {@linkcode runPatternFile} installs, confirms, sends
 * and checks, giving Ryu's verdicts and reasons.
 *
 * @example
 * ```ts ignore
 * import { readPatternFile, runPatternFile, RyuTestbed } from "@oftest/oftest/ryu";
 *
 * await using bed = await RyuTestbed.start({ target: { kind: "ovs" }, versions: [4] });
 * const file = await readPatternFile("../shared/ryu-switch-tests/of13/action/00_OUTPUT.json");
 * for (const r of await runPatternFile(file, bed.targets(4)[0])) {
 *   console.log(r.description, r.status, r.reason ?? "");
 * }
 * ```
 *
 * @module
 */
export { RyuExpressionError, RyuPatternError } from "./errors.ts";
export type { RyuExpressionErrorOptions, RyuPatternErrorOptions } from "./errors.ts";
export { RYU_DEFAULT_PORTS, RYU_PORT_NAMES, ryuPortByName } from "./ports.ts";
export type { RyuPorts } from "./ports.ts";
export { RyuPacket } from "./packet_expression.ts";
export type { RyuPacketBuildOptions, RyuPacketSource } from "./packet_expression.ts";
export { parsePatternFile, patternVersionOf, readPatternFile } from "./patterns.ts";
export type {
  RyuPacketTest,
  RyuPatternFile,
  RyuPatternOptions,
  RyuPatternTest,
  RyuPatternVersion,
  RyuPrerequisite,
  RyuThroughput,
} from "./patterns.ts";
export { runPatternFile, skipPatternFile } from "./runner.ts";
export type { RyuRunOptions, RyuTarget, RyuTestResult, RyuTestStatus } from "./runner.ts";
export { RyuTestbed } from "./testbed.ts";
export type { RyuTestbedOptions } from "./testbed.ts";
export { formatResult, formatSummary, jsonReport, junitSuites, summarize } from "./report.ts";
export type { RyuJsonReport, RyuSummary } from "./report.ts";
