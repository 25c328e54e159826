/**
 * The suite runner as a library: run declared switch tests against a target, and render the
 * results as JSON, JUnit XML or HTML. The command line is `@oftest/oftest/suite`
 * (`deno task suite` in the repository).
 *
 * @example
 * ```ts ignore
 * import { htmlReport, runSuite } from "@oftest/oftest/runner";
 * import { registeredSwitchTests } from "@oftest/oftest/runner";
 * import "./my_switch_tests.ts"; // modules that call switchTest()
 *
 * const run = await runSuite(registeredSwitchTests(), { target: { kind: "ovs" }, versions: [4] });
 * await Deno.writeTextFile("report.html", htmlReport(run));
 * ```
 *
 * @module
 */
export { labelOf, runSuite, VERSION_NAME } from "./run_suite.ts";
export type { RunOptions, TestRecording } from "./run_suite.ts";
export { summarize } from "./result.ts";
export type { ExchangedMessage, RunResult, RunSummary, TestResult, TestStatus } from "./result.ts";
export { jsonReport } from "./json_report.ts";
export { junitReport } from "./junit_report.ts";
export { htmlReport } from "./html_report.ts";
export { junitXml } from "./junit.ts";
export type { JUnitCase, JUnitStatus, JUnitSuite } from "./junit.ts";
export { registeredTests as registeredSwitchTests } from "../testing/_registry.ts";
export type { SwitchTestDefinition } from "../testing/_registry.ts";
