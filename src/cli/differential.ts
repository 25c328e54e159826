/**
 * `differential`: compares two JSON reports of the same tests on two switches — the suite
 * runner's (`deno task suite --json`) or the Ryu runner's (`deno task ryu-suite --json`) —
 * and prints, in Markdown, the counts per group side by side and every test that passed on
 * one switch and failed (or failed as expected) on the other. docs/differential.md explains
 * each difference found between Open vSwitch and the embedded switch.
 *
 * ```sh
 * npx -y deno@2.9.6 task suite --target ovs --quiet --json ovs.json
 * npx -y deno@2.9.6 task suite --target embedded --quiet --json embedded.json
 * npx -y deno@2.9.6 task differential ovs.json embedded.json --labels ovs,embedded
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { compareReports, formatComparison, readReport } from "./_differential.ts";

const HELP = `Usage: deno task differential [options] A.json B.json

Compares two JSON reports of the same tests (deno task suite --json, or deno task ryu-suite
--json) run on two switches: counts per group side by side, then every test that passed on
one and failed (or failed as expected) on the other, as Markdown.

Options:
  --labels A,B   column names (default: the file names)
  --fail-on-difference   exit 1 when some test differs
  -h, --help     this text

Exit status: 0, or 1 with --fail-on-difference when tests differ; 2 for usage errors.
`;

/**
 * Runs the comparison with command-line arguments.
 *
 * @param args The arguments, without the program name.
 * @returns The exit code: 0, 1 when tests differ and `--fail-on-difference` is given, 2 on
 *   usage errors or unreadable reports.
 *
 * @example
 * ```ts ignore
 * import { main } from "./differential.ts";
 *
 * const code = await main(["suite-ovs.json", "suite-embedded.json", "--labels", "ovs,embedded"]);
 * ```
 */
export async function main(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        labels: { type: "string" },
        "fail-on-difference": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
  } catch (e) {
    console.error(`differential: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 2) {
    console.error(`differential: expected two report files, got ${positionals.length}\n\n${HELP}`);
    return 2;
  }
  const labels = values.labels?.split(",") ??
    positionals.map((p) => p.replace(/^.*\//, "").replace(/\.json$/, ""));
  if (labels.length !== 2 || labels.some((l) => !l)) {
    console.error(`differential: --labels takes two names, got "${values.labels}"`);
    return 2;
  }
  let reports;
  try {
    reports = await Promise.all(
      positionals.map(async (p) => {
        try {
          return readReport(JSON.parse(await Deno.readTextFile(p)));
        } catch (e) {
          throw new Error(`${p}: ${(e as Error).message}`, { cause: e });
        }
      }),
    );
  } catch (e) {
    console.error(`differential: ${(e as Error).message}`);
    return 2;
  }
  let comparison;
  try {
    comparison = compareReports(reports[0], reports[1]);
  } catch (e) {
    console.error(`differential: ${(e as Error).message}`);
    return 2;
  }
  console.log(formatComparison(comparison, labels[0], labels[1]));
  return values["fail-on-difference"] && comparison.differences.length > 0 ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
