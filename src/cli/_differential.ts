// Two JSON reports of the same tests on two switches (the suite runner's `--json`, or the Ryu
// runner's), compared: counts per group side by side, and every test whose verdict differs.

/** A test's verdict, the same for both report kinds. */
export type Verdict = "pass" | "fail" | "xfail" | "skip";

/** One test of a report, keyed so that the same test matches across reports. */
export interface ReportTest {
  /** Unique within the report: version, group and name (suite) or file and description (Ryu). */
  key: string;
  /** The group counts are made for: `1.3 flow-mod` (suite), `of13 action` (Ryu). */
  group: string;
  /** The test's name as the report gives it. */
  name: string;
  verdict: Verdict;
  /** The failure, expected failure or skip reason. */
  reason?: string;
}

/** A report read from JSON. */
export interface Report {
  kind: "suite" | "ryu";
  tests: ReportTest[];
}

const SUITE_VERDICTS: Record<string, Verdict> = {
  passed: "pass",
  failed: "fail",
  xfail: "xfail",
  skipped: "skip",
};
const RYU_VERDICTS: Record<string, Verdict> = { OK: "pass", ERROR: "fail", SKIPPED: "skip" };

function fields(t: unknown, i: number, names: string[]): Record<string, string> {
  const o = t as Record<string, unknown>;
  for (const n of names) {
    if (typeof o?.[n] !== "string") {
      throw new TypeError(
        `Cannot read test ${i}: expected a string "${n}", got ${JSON.stringify(o?.[n])}`,
      );
    }
  }
  return o as Record<string, string>;
}

/** Reads a suite or Ryu JSON report (told apart by their test fields). */
export function readReport(json: unknown): Report {
  const tests = (json as { tests?: unknown })?.tests;
  if (!Array.isArray(tests)) {
    throw new TypeError(`Expected a report with a "tests" array, got ${typeof json}`);
  }
  const kind = tests.length > 0 && "file" in (tests[0] as object) ? "ryu" : "suite";
  const keys = new Set<string>();
  const out = tests.map((raw, i): ReportTest => {
    let t: ReportTest;
    if (kind === "suite") {
      const o = fields(raw, i, ["name", "group", "version", "status"]);
      const verdict = SUITE_VERDICTS[o.status];
      if (!verdict) throw new TypeError(`Cannot read test ${i}: unknown status "${o.status}"`);
      t = {
        key: `${o.version} ${o.group}: ${o.name}`,
        group: `${o.version} ${o.group}`,
        name: `[${o.version}] ${o.group}: ${o.name}`,
        verdict,
        reason: o.message,
      };
    } else {
      const o = fields(raw, i, ["file", "description", "status"]);
      const verdict = RYU_VERDICTS[o.status];
      if (!verdict) throw new TypeError(`Cannot read test ${i}: unknown status "${o.status}"`);
      // `…/of13/action/25_SET_FIELD/05_ETH_TYPE.json` → file `of13/action/…`, group `of13 action`.
      const m = /(of1\d)\/([^/]+)\/(.*)$/.exec(o.file);
      const file = m ? `${m[1]}/${m[2]}/${m[3]}` : o.file;
      t = {
        key: `${file} | ${o.description}`,
        group: m ? `${m[1]} ${m[2]}` : "other",
        name: `${file.replace(/\.json$/, "")}: ${o.description}`,
        verdict,
        reason: o.reason,
      };
    }
    if (keys.has(t.key)) throw new TypeError(`Cannot read test ${i}: "${t.key}" appears twice`);
    keys.add(t.key);
    return t;
  });
  return { kind, tests: out };
}

/** Counts of one group in one report. */
export interface Counts {
  pass: number;
  fail: number;
  xfail: number;
  skip: number;
}

/** A test whose verdict differs: passed on one side, failed or expected-failed on the other. */
export interface Difference {
  name: string;
  group: string;
  a: ReportTest;
  b: ReportTest;
}

/** The comparison of two reports of the same tests. */
export interface Comparison {
  groups: { group: string; a: Counts; b: Counts }[];
  differences: Difference[];
  /** Tests only one report has (a different selection, or a renamed test). */
  onlyA: ReportTest[];
  onlyB: ReportTest[];
}

const zero = (): Counts => ({ pass: 0, fail: 0, xfail: 0, skip: 0 });
const failed = (v: Verdict) => v === "fail" || v === "xfail";

/** Compares two reports test by test. */
export function compareReports(a: Report, b: Report): Comparison {
  if (a.kind !== b.kind) {
    throw new TypeError(`Cannot compare a ${a.kind} report with a ${b.kind} report`);
  }
  const groups = new Map<string, { a: Counts; b: Counts }>();
  const count = (t: ReportTest, side: "a" | "b") => {
    const g = groups.get(t.group) ?? { a: zero(), b: zero() };
    g[side][t.verdict]++;
    groups.set(t.group, g);
  };
  const byKey = new Map(b.tests.map((t) => [t.key, t]));
  const differences: Difference[] = [];
  const onlyA: ReportTest[] = [];
  for (const t of a.tests) {
    count(t, "a");
    const u = byKey.get(t.key);
    if (!u) {
      onlyA.push(t);
      continue;
    }
    byKey.delete(t.key);
    const differ = (t.verdict === "pass" && failed(u.verdict)) ||
      (u.verdict === "pass" && failed(t.verdict));
    if (differ) differences.push({ name: t.name, group: t.group, a: t, b: u });
  }
  for (const u of b.tests) count(u, "b");
  return {
    // By version (`1.0`, `of10` first), then in the reports' order.
    groups: [...groups].map(([group, c]) => ({ group, ...c }))
      .sort((x, y) => x.group.split(" ")[0].localeCompare(y.group.split(" ")[0])),
    differences,
    onlyA,
    onlyB: [...byKey.values()],
  };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

/** The comparison as Markdown: a table of counts per group, then the differing tests. */
export function formatComparison(c: Comparison, labelA: string, labelB: string): string {
  const lines: string[] = [];
  const counts = (x: Counts) =>
    `${x.pass} | ${x.fail + x.xfail}${x.xfail ? ` (${x.xfail} xfail)` : ""} | ${x.skip}`;
  lines.push(
    `| group | ${labelA} pass | ${labelA} fail | ${labelA} skip | ${labelB} pass | ${labelB} fail | ${labelB} skip |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  const total = { a: zero(), b: zero() };
  for (const g of c.groups) {
    lines.push(`| ${g.group} | ${counts(g.a)} | ${counts(g.b)} |`);
    for (const k of ["pass", "fail", "xfail", "skip"] as const) {
      total.a[k] += g.a[k];
      total.b[k] += g.b[k];
    }
  }
  lines.push(`| **all** | ${counts(total.a)} | ${counts(total.b)} |`, "");
  lines.push(`Tests whose verdicts differ: ${c.differences.length}`, "");
  if (c.differences.length) {
    lines.push(
      `| test | ${labelA} | ${labelB} | reason |`,
      "| --- | --- | --- | --- |",
    );
    for (const d of c.differences) {
      const reason = d.a.verdict === "pass" ? d.b.reason : d.a.reason;
      lines.push(
        `| ${cell(d.name)} | ${d.a.verdict} | ${d.b.verdict} | ${
          cell((reason ?? "").slice(0, 300))
        } |`,
      );
    }
    lines.push("");
  }
  for (const [side, list] of [[labelA, c.onlyA], [labelB, c.onlyB]] as const) {
    if (list.length) lines.push(`Only in ${side}: ${list.map((t) => t.name).join("; ")}`, "");
  }
  return lines.join("\n");
}
