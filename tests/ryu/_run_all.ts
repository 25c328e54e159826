// Runs pattern files on a local target (Open vSwitch or the embedded switch) with several
// sessions in parallel: all of10 and of13 files, with their totals printed.
import assert from "node:assert/strict";
import {
  readPatternFile,
  runPatternFile,
  type RyuPatternFile,
  RyuTestbed,
  type RyuTestResult,
} from "../../src/ryu/mod.ts";
import { RYU_TESTS_DIR } from "../_util/peers.ts";
import { patternFiles } from "./_files.ts";

/** Every test of `files` on a fresh testbed of `jobs` sessions of one OpenFlow version. */
async function runAll(
  kind: "ovs" | "embedded",
  files: RyuPatternFile[],
  version: 1 | 4,
  jobs = 2,
): Promise<RyuTestResult[]> {
  await using bed = await RyuTestbed.start({ target: { kind }, versions: [version], jobs });
  const queue = [...files];
  const results = new Map<string, RyuTestResult[]>();
  await Promise.all(
    bed.targets(version).map(async (target) => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        results.set(f.file, await runPatternFile(f, target));
      }
    }),
  );
  return files.flatMap((f) => results.get(f.file)!);
}

/**
 * Every test of the 40 of10 and 144 of13 pattern files on `kind`; prints the totals per
 * version and category and returns the results, of10's first.
 */
export async function runEveryPattern(kind: "ovs" | "embedded"): Promise<RyuTestResult[]> {
  const started = performance.now();
  const all: RyuTestResult[] = [];
  const table: string[] = [];
  for (const [dir, version, count] of [["of10", 1, 40], ["of13", 4, 144]] as const) {
    const paths = await patternFiles(`${RYU_TESTS_DIR}${dir}`);
    assert.equal(paths.length, count);
    const files = await Promise.all(paths.map((p) => readPatternFile(p)));
    const results = await runAll(kind, files, version);
    all.push(...results);
    table.push(...categoryLines(dir, results));
  }
  const n = (s: string) => all.filter((r) => r.status === s).length;
  console.log(
    `${table.join("\n")}\nTotal: OK(${n("OK")}) / ERROR(${n("ERROR")}) / SKIPPED(${
      n("SKIPPED")
    }) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return all;
}

/** `of13 action  OK n  ERROR n  SKIPPED n` lines, one per category the results have. */
function categoryLines(dir: string, results: readonly RyuTestResult[]): string[] {
  const lines: string[] = [];
  for (const category of ["action", "match", "group", "meter"]) {
    const mine = results.filter((r) => r.title.startsWith(`${category}: `));
    if (!mine.length) continue;
    const n = (s: string) => mine.filter((r) => r.status === s).length;
    lines.push(
      `${dir} ${category.padEnd(7)} OK ${n("OK")}  ERROR ${n("ERROR")}  SKIPPED ${n("SKIPPED")}`,
    );
  }
  return lines;
}
