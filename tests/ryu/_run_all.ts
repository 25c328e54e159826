// Runs pattern files on a local target (Open vSwitch or the embedded switch) with several
// sessions in parallel, results in the files' order.
import {
  runPatternFile,
  type RyuPatternFile,
  RyuTestbed,
  type RyuTestResult,
} from "../../src/ryu/mod.ts";

/** Every test of `files` on a fresh testbed of `jobs` sessions of one OpenFlow version. */
export async function runAll(
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

/** `of13 action  OK n  ERROR n  SKIPPED n` lines, one per category the results have. */
export function categoryLines(dir: string, results: readonly RyuTestResult[]): string[] {
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
