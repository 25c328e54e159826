// The table of suites/README.md: rendered from a report (shown to count each status and to
// refuse what is not a suite report), and the documented totals checked against the tests the
// suite registers, so the docs cannot drift from the suite.
import assert from "node:assert/strict";
import { formatModuleTable, moduleOf, moduleRows } from "../../tools/suite_table.ts";

const at = (module: string, line: number) => `file:///repo/suites/${module}:${line}:3`;
const report = {
  tests: [
    { group: "basic", version: "1.3", status: "passed", location: at("of13/basic.ts", 10) },
    { group: "basic", version: "1.3", status: "xfail", location: at("of13/basic.ts", 20) },
    { group: "match", version: "1.3", status: "failed", location: at("of13/match_l2.ts", 5) },
    { group: "match-x", version: "1.3", status: "skipped", location: at("of13/match_l2.ts", 9) },
    { group: "basic", version: "1.0", status: "passed", location: at("of10/basic.ts", 7) },
  ],
};

Deno.test("suite_table: counts each status per module, 1.3's modules first", () => {
  assert.equal(moduleOf("file:///a/b/suites/of10/stats.ts:12:5"), "of10/stats.ts");
  assert.equal(moduleOf("file:///elsewhere/my_test.ts:3:1"), "my_test.ts");
  const rows = moduleRows(report);
  assert.deepEqual(
    rows.map((r) => [r.module, r.groups, r.tests, r.passed, r.xfail, r.failed, r.skipped]),
    [
      ["of13/basic.ts", ["basic"], 2, 1, 1, 0, 0],
      ["of13/match_l2.ts", ["match", "match-x"], 2, 0, 0, 1, 1],
      ["of10/basic.ts", ["basic"], 1, 1, 0, 0, 0],
    ],
  );
  const table = formatModuleTable(rows).split("\n");
  assert.equal(table.length, 6);
  assert.match(table[1], /^\| -+ \| -+ \| -+: \|/);
  assert.match(
    table[3],
    /^\| of13\/match_l2\.ts\s+\| match, match-x \|\s+2 \|\s+0 \|\s+0 \|\s+1 \|\s+1 \|$/,
  );
  assert.match(
    table[5],
    /^\| \*\*total\*\* \(1\.3: 4, 1\.0: 1\) \|\s+\|\s+\*\*5\*\* \| +\*\*2\*\* \|/,
  );
});

Deno.test("suite_table: refuses what is not a suite report", () => {
  assert.throws(() => moduleRows({ results: [] }), TypeError);
  assert.throws(() => moduleRows({ tests: [{ group: "g", status: "passed" }] }), /"location"/);
  const bad = { tests: [{ ...report.tests[0], status: "weird" }] };
  assert.throws(() => moduleRows(bad), /unknown status "weird"/);
});

Deno.test("suite_table: the documented totals are the suite's registered tests", async () => {
  const list = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "src/runner/cli.ts", "--list"],
    cwd: new URL("../..", import.meta.url),
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(list.success, new TextDecoder().decode(list.stderr));
  const lines = new TextDecoder().decode(list.stdout).trim().split("\n");
  const per = (v: string) => lines.filter((l) => l.includes(`[${v}]`)).length;
  assert.equal(per("1.3") + per("1.0"), lines.length, "each suite test runs in one version");
  const counts = `(1.3: ${per("1.3")}, 1.0: ${per("1.0")})`;
  const suitesReadme = await Deno.readTextFile(new URL("../../suites/README.md", import.meta.url));
  assert.ok(
    suitesReadme.includes(`**total** ${counts}`),
    `suites/README.md's table should total ${counts}: regenerate it with tools/suite_table.ts`,
  );
  const readme = await Deno.readTextFile(new URL("../../README.md", import.meta.url));
  assert.ok(
    readme.includes(`conformance suite (${lines.length} tests`),
    `README.md should name ${lines.length} tests`,
  );
});
