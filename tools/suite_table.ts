/**
 * Renders the per-module table of `suites/README.md` from a suite JSON report
 * (`deno task suite --json report.json`), so the counts in the docs come from a run rather
 * than from hand edits:
 *
 *   deno run --allow-read tools/suite_table.ts ci-reports/suite-ovs.json
 *
 * One row per suite module (taken from each test's `location`): OpenFlow 1.3's modules, then
 * 1.0's, each by name; and a total row with the tests per version.
 *
 * @module
 */

/** The counts of one suite module. */
export interface ModuleRow {
  /** The module's path under `suites/`, e.g. `of13/basic.ts`. */
  module: string;
  /** The groups its tests belong to, in order of appearance. */
  groups: string[];
  tests: number;
  passed: number;
  xfail: number;
  failed: number;
  skipped: number;
}

interface ReportTest {
  group: string;
  version: string;
  status: string;
  location: string;
}

/** The module a test location (`file:///.../suites/of13/basic.ts:12:3`) points into. */
export function moduleOf(location: string): string {
  const path = location.replace(/:\d+:\d+$/, "");
  const under = /\/suites\/(.+)$/.exec(path);
  return under ? under[1] : path.replace(/^.*\//, "");
}

/**
 * Counts a suite JSON report per module, newest OpenFlow version's folder first, then by name.
 * Throws a TypeError for anything else.
 */
export function moduleRows(json: unknown): ModuleRow[] {
  const tests = (json as { tests?: unknown })?.tests;
  if (!Array.isArray(tests)) throw new TypeError(`Expected a suite report with a "tests" array`);
  const rows = new Map<string, ModuleRow>();
  tests.forEach((raw, i) => {
    const t = raw as ReportTest;
    for (const f of ["group", "status", "location"] as const) {
      if (typeof t?.[f] !== "string") {
        throw new TypeError(`Cannot read test ${i}: expected a string "${f}", got ${t?.[f]}`);
      }
    }
    const module = moduleOf(t.location);
    let row = rows.get(module);
    if (!row) {
      row = { module, groups: [], tests: 0, passed: 0, xfail: 0, failed: 0, skipped: 0 };
      rows.set(module, row);
    }
    if (!row.groups.includes(t.group)) row.groups.push(t.group);
    row.tests++;
    switch (t.status) {
      case "passed":
        row.passed++;
        break;
      case "xfail":
        row.xfail++;
        break;
      case "failed":
        row.failed++;
        break;
      case "skipped":
        row.skipped++;
        break;
      default:
        throw new TypeError(`Cannot read test ${i}: unknown status "${t.status}"`);
    }
  });
  const folder = (m: string) => m.includes("/") ? m.slice(0, m.indexOf("/")) : "";
  return [...rows.values()].sort((a, b) =>
    folder(b.module).localeCompare(folder(a.module)) || a.module.localeCompare(b.module)
  );
}

/** The rows as a Markdown table, with a total row that counts the tests of each version. */
export function formatModuleTable(rows: readonly ModuleRow[]): string {
  const sum = (key: "tests" | "passed" | "xfail" | "failed" | "skipped", of = rows) =>
    of.reduce((n, r) => n + r[key], 0);
  const perVersion = new Map<string, number>();
  for (const r of rows) {
    const version = r.module.startsWith("of10/")
      ? "1.0"
      : r.module.startsWith("of13/")
      ? "1.3"
      : "";
    if (version) perVersion.set(version, (perVersion.get(version) ?? 0) + r.tests);
  }
  const versions = [...perVersion].map(([v, n]) => `${v}: ${n}`).join(", ");
  const body = rows.map((r) => [
    r.module,
    r.groups.join(", "),
    String(r.tests),
    String(r.passed),
    String(r.xfail),
    String(r.failed),
    String(r.skipped),
  ]);
  body.push([
    `**total**${versions ? ` (${versions})` : ""}`,
    "",
    `**${sum("tests")}**`,
    `**${sum("passed")}**`,
    `**${sum("xfail")}**`,
    `**${sum("failed")}**`,
    `**${sum("skipped")}**`,
  ]);
  const head = ["module", "group", "tests", "passed", "expected failures", "failed", "skipped"];
  const right = [false, false, true, true, true, true, true];
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const cells = (row: string[]) =>
    `| ${row.map((c, i) => right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])).join(" | ")} |`;
  const rule = `| ${
    widths.map((w, i) => right[i] ? "-".repeat(w - 1) + ":" : "-".repeat(w)).join(" | ")
  } |`;
  return [cells(head), rule, ...body.map(cells)].join("\n");
}

if (import.meta.main) {
  if (Deno.args.length !== 1) {
    console.error("Usage: deno run --allow-read tools/suite_table.ts REPORT.json");
    Deno.exit(2);
  }
  try {
    console.log(formatModuleTable(moduleRows(JSON.parse(await Deno.readTextFile(Deno.args[0])))));
  } catch (e) {
    console.error(`suite_table: ${Deno.args[0]}: ${(e as Error).message}`);
    Deno.exit(2);
  }
}
