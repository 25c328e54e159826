/**
 * `suite`: runs switch tests (the conformance suite in `suites/` by default) against a
 * target and writes reports.
 *
 * ```sh
 * npx -y deno@2.9.6 task suite                               # a local Open vSwitch, or the embedded switch
 * npx -y deno@2.9.6 task suite --version 1.3 --filter flow_mod --json out.json
 * npx -y deno@2.9.6 task suite --target listen:6653 --port-map ports.json --html report.html
 * npx -y deno@2.9.6 task suite ryu ../shared/ryu-switch-tests/of13   # Ryu's patterns (= task ryu-suite)
 * ```
 *
 * @module
 */
import { activateRunner, registeredTests } from "../testing/_registry.ts";
import { chooseTarget } from "../testing/target_choice.ts";
import { htmlReport } from "./html_report.ts";
import { jsonReport } from "./json_report.ts";
import { junitReport } from "./junit_report.ts";
import { labelOf, runSuite, VERSION_NAME } from "./run_suite.ts";
import type { RunResult, TestResult } from "./result.ts";
import { parseRunnerArgs, RUNNER_HELP, type RunnerArgs } from "./args.ts";
import { suiteFiles } from "./_suite_files.ts";
import { recorder } from "./recorder.ts";

/** Exit codes: 0 nothing unexpected failed, 1 a test failed, 2 usage or set-up problems. */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

function line(t: TestResult): string {
  const tag = { passed: "OK   ", failed: "FAIL ", skipped: "SKIP ", xfail: "XFAIL" }[t.status];
  const run = t.repetition > 1 ? ` (run ${t.repetition})` : "";
  const why = t.message && t.status !== "passed"
    ? ` — ${t.status === "failed" ? t.message.split("\n")[0] : t.message}`
    : "";
  return `${tag} [${t.version}] ${t.group ? `${t.group}: ` : ""}${t.name}${run} ` +
    `(${t.durationMs.toFixed(0)} ms)${why}`;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summaryLines(run: RunResult): string[] {
  const s = run.summary;
  const ran = run.tests.filter((t) => t.status !== "skipped");
  const lines = [
    `${run.tests.length} tests: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ` +
    `${s.xfail} expected failures in ${(run.wallMs / 1000).toFixed(1)} s` +
    (run.seed === undefined ? "" : ` (order seed ${run.seed})`),
    `per test: reset + settle median ${median(ran.map((t) => t.resetMs)).toFixed(1)} ms, ` +
    `test median ${median(ran.map((t) => t.durationMs)).toFixed(1)} ms`,
  ];
  const failed = run.tests.filter((t) => t.status === "failed");
  if (failed.length > 0) {
    lines.push("failed:");
    for (const t of failed) lines.push(`  [${t.version}] ${labelOf(t)}  ${t.location}`);
  }
  return lines;
}

async function write(path: string | undefined, text: () => string): Promise<void> {
  if (path) await Deno.writeTextFile(path, text());
}

/**
 * Runs the suite runner with command-line arguments.
 *
 * @param argv The arguments (without the program name).
 * @returns The exit code: 0 when nothing unexpected failed.
 */
export async function main(argv: string[]): Promise<number> {
  if (argv[0] === "ryu") {
    // Ryu's switch-test patterns, through the same command (`deno task ryu-suite`).
    const { main: ryu } = await import("../ryu/cli.ts");
    return await ryu(argv.slice(1));
  }
  let args: RunnerArgs;
  try {
    args = parseRunnerArgs(argv);
  } catch (e) {
    console.error(`suite: ${e instanceof Error ? e.message : e}\n\n${RUNNER_HELP}`);
    return EXIT_USAGE;
  }
  if (args.help) {
    console.log(RUNNER_HELP);
    return 0;
  }
  activateRunner();
  for (const file of await suiteFiles(args.paths)) await import(file);
  const defs = registeredTests();
  const selected = defs.filter((def) => args.select(labelOf(def), def));
  if (args.list) {
    for (const def of selected) {
      console.log(
        `${labelOf(def)}  [${def.versions.map((v) => VERSION_NAME[v]).join(", ")}]` +
          (def.tags.length ? `  #${def.tags.join(" #")}` : ""),
      );
    }
    console.error(`${selected.length} of ${defs.length} tests`);
    return 0;
  }
  let target;
  try {
    const choice = chooseTarget(args.target);
    target = choice.target;
    console.error(`target: ${target.kind} (${choice.reason})`);
  } catch (e) {
    console.error(`suite: ${e instanceof Error ? e.message : e}`);
    return EXIT_USAGE;
  }
  if (args.seed !== undefined) console.error(`order: shuffled with seed ${args.seed}`);
  const total = selected.reduce(
    (n, def) => n + def.versions.filter((v) => args.versions.includes(v)).length,
    0,
  ) * args.repeat;
  let done = 0;
  const run = await runSuite(defs, {
    target,
    versions: args.versions,
    select: args.select,
    seed: args.seed,
    repeat: args.repeat,
    failFast: args.failFast,
    deadlineScale: args.deadlineScale,
    timeouts: args.timeouts,
    recorder: recorder(args.pcap),
    onSession: (version, session) =>
      console.error(`OpenFlow ${VERSION_NAME[version]}: ${session.info.description}`),
    onResult: (result) => {
      done++;
      if (!args.quiet || result.status === "failed") {
        console.log(`${line(result)}${args.quiet ? "" : `  [${done}/${total}]`}`);
      }
    },
  });
  for (const l of summaryLines(run)) console.log(l);
  await write(args.json, () => jsonReport(run));
  await write(args.junit, () => junitReport(run));
  await write(args.html, () => htmlReport(run));
  if (run.tests.length === 0) {
    console.error("suite: no test matched the selection");
    return EXIT_USAGE;
  }
  return run.summary.failed > 0 ? EXIT_FAILED : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
