// `deno task differential`: two reports of the same tests compared, for the suite runner's
// JSON and the Ryu runner's.
import assert from "node:assert/strict";
import { compareReports, formatComparison, readReport } from "../../src/cli/_differential.ts";

const suite = (status: Record<string, string>) => ({
  tests: Object.entries(status).map(([name, s]) => ({
    name,
    group: name.split(" ")[0],
    version: "1.3",
    status: s,
    ...(s === "passed" ? {} : { message: `${name} went wrong` }),
  })),
});

Deno.test({
  name: "differential: suite reports, pass against fail or xfail, counted per group",
  permissions: "none",
  fn: () => {
    const ovs = readReport(suite({
      "meters a": "passed",
      "meters b": "passed",
      "groups c": "xfail",
      "groups d": "failed",
      "groups e": "skipped",
    }));
    const emb = readReport(suite({
      "meters a": "passed",
      "meters b": "failed",
      "groups c": "passed",
      "groups d": "failed",
      "groups e": "passed",
    }));
    const c = compareReports(ovs, emb);
    assert.deepEqual(c.differences.map((d) => [d.name, d.a.verdict, d.b.verdict]), [
      ["[1.3] meters: meters b", "pass", "fail"],
      ["[1.3] groups: groups c", "xfail", "pass"],
    ]);
    assert.deepEqual(c.groups.find((g) => g.group === "1.3 groups"), {
      group: "1.3 groups",
      a: { pass: 0, fail: 1, xfail: 1, skip: 1 },
      b: { pass: 2, fail: 1, xfail: 0, skip: 0 },
    });
    const md = formatComparison(c, "ovs", "embedded");
    assert.match(md, /\| 1\.3 groups \| 0 \| 2 \(1 xfail\) \| 1 \| 2 \| 1 \| 0 \|/);
    assert.match(md, /\| \*\*all\*\* \| 2 \| 2 \(1 xfail\) \| 1 \| 3 \| 2 \| 0 \|/);
    assert.match(md, /Tests whose verdicts differ: 2/);
    assert.match(md, /\| \[1\.3\] meters: meters b \| pass \| fail \| meters b went wrong \|/);
    assert.match(md, /\| \[1\.3\] groups: groups c \| xfail \| pass \| groups c went wrong \|/);
    // The same report twice: nothing differs.
    assert.equal(compareReports(ovs, ovs).differences.length, 0);
  },
});

Deno.test({
  name: "differential: Ryu reports keyed by file and description, grouped by category",
  permissions: "none",
  fn: () => {
    const ryu = (status: string, reason?: string) =>
      readReport({
        tests: [
          {
            file: "../shared/ryu-switch-tests/of13/action/25_SET_FIELD/29_ICMPV6_TYPE.json",
            description: "ethernet/ipv6/icmpv6-->'x'",
            status,
            reason,
          },
          {
            file: "../shared/ryu-switch-tests/of10/match/00_IN_PORT.json",
            description: "d",
            status: "OK",
          },
        ],
        summary: {},
      });
    const a = ryu("OK"), b = ryu("ERROR", "Received incorrect packet | with a pipe\nand a line");
    assert.equal(a.kind, "ryu");
    assert.deepEqual(a.tests.map((t) => t.group), ["of13 action", "of10 match"]);
    const c = compareReports(a, b);
    assert.deepEqual(c.groups.map((g) => g.group), ["of10 match", "of13 action"], "by version");
    assert.deepEqual(c.differences.map((d) => d.name), [
      "of13/action/25_SET_FIELD/29_ICMPV6_TYPE: ethernet/ipv6/icmpv6-->'x'",
    ]);
    assert.match(
      formatComparison(c, "A", "B"),
      /\| pass \| fail \| Received incorrect packet \\\| with a pipe and a line \|/,
    );
    // A test only one side ran is reported, not compared.
    const fewer = readReport({
      tests: [{ file: "x/of10/match/00_IN_PORT.json", description: "d", status: "ERROR" }],
    });
    const d = compareReports(a, fewer);
    assert.equal(d.differences.length, 1);
    assert.equal(d.onlyA.length, 1);
    assert.match(formatComparison(d, "A", "B"), /Only in A: of13\/action/);
  },
});

Deno.test({
  name: "differential: malformed reports and mixed kinds are refused",
  permissions: "none",
  fn: () => {
    assert.throws(() => readReport({}), /Expected a report with a "tests" array/);
    assert.throws(
      () => readReport({ tests: [{ name: "a", group: "g", version: "1.3", status: "done" }] }),
      /unknown status "done"/,
    );
    assert.throws(() => readReport({ tests: [{ name: "a", group: "g" }] }), /"version"/);
    const twice = {
      tests: [...suite({ "g a": "passed" }).tests, ...suite({ "g a": "failed" }).tests],
    };
    assert.throws(() => readReport(twice), /appears twice/);
    const s = readReport(suite({ "g a": "passed" }));
    const r = readReport({
      tests: [{ file: "of13/match/x.json", description: "d", status: "OK" }],
    });
    assert.throws(() => compareReports(s, r), /Cannot compare a suite report with a ryu report/);
  },
});

Deno.test("differential: the command line compares two files and exits by its options", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.json`, JSON.stringify(suite({ "g x": "passed" })));
    await Deno.writeTextFile(`${dir}/b.json`, JSON.stringify(suite({ "g x": "failed" })));
    await Deno.writeTextFile(`${dir}/bad.json`, "{");
    const run = async (...args: string[]) => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-read",
          new URL("../../src/cli/differential.ts", import.meta.url).pathname,
          ...args,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const dec = new TextDecoder();
      return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
    };
    const ok = await run(`${dir}/a.json`, `${dir}/b.json`, "--labels", "ovs,embedded");
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /\| group \| ovs pass \| ovs fail/);
    assert.match(ok.stdout, /\| \[1\.3\] g: g x \| pass \| fail \|/);
    assert.equal((await run(`${dir}/a.json`, `${dir}/b.json`, "--fail-on-difference")).code, 1);
    assert.equal((await run(`${dir}/a.json`, `${dir}/a.json`, "--fail-on-difference")).code, 0);
    const bad = await run(`${dir}/a.json`, `${dir}/bad.json`);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.json: /);
    assert.equal((await run(`${dir}/a.json`)).code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
