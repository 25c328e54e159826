/**
 * `ryu-suite`: runs Ryu's published switch-test patterns against a switch and prints Ryu's
 * verdicts — one line per test, the errors by reason, the totals.
 *
 * ```sh
 * npx -y deno@2.9.6 task ryu-suite                                  # of13 against a local Open vSwitch
 * npx -y deno@2.9.6 task ryu-suite ../shared/ryu-switch-tests/of10 ../shared/ryu-switch-tests/of13 --json out.json
 * npx -y deno@2.9.6 task ryu-suite --throughput ../shared/ryu-switch-tests/of13/meter
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util";
import { OvsNotFoundError } from "../testing/errors.ts";
import { chooseTarget } from "../testing/target_choice.ts";
import { TARGET_HELP, TARGET_OPTIONS, targetFromFlags } from "../cli/_target_flags.ts";
import { junitXml } from "../runner/junit.ts";
import { RyuExpressionError, RyuPatternError } from "./errors.ts";
import { RyuTestbed } from "./testbed.ts";
import { readPatternFile, type RyuPatternFile, type RyuPatternTest } from "./patterns.ts";
import { RYU_DEFAULT_PORTS, RYU_PORT_NAMES, type RyuPorts } from "./ports.ts";
import { formatResult, formatSummary, jsonReport, junitSuites } from "./report.ts";
import { runPatternFile, type RyuTarget, type RyuTestResult, skipPatternFile } from "./runner.ts";

const HELP: string = `Usage: deno task ryu-suite [options] [FILES|DIRS...]

Runs Ryu's switch-test pattern files (default ../shared/ryu-switch-tests/of13) with Ryu's
tester semantics and prints Ryu's verdicts: one line per test, the errors by reason, totals.

The switch under test is Ryu's target switch; the data plane on its ports (dummy ports, the
embedded switch's ports, or a tester switch wired to them) plays Ryu's tester.
${TARGET_HELP}
  --version 1|4            OpenFlow version to speak: 1 (1.0) or 4 (1.3). Default: each
                           file's own (of10 → 1, of13 → 4); files of another version SKIPPED
Ryu's topology (port numbers, Ryu's option names and defaults):
  --ports NAME=N,...       target_recv_port=1,target_send_port_1=2,target_send_port_2=3,
                           tester_send_port=1,tester_recv_port_1=2,tester_recv_port_2=3
What to run:
  --filter REGEX           only tests whose "title description" or file path matches
  --throughput             run the throughput tests (pktps for duration_time, 30 s each);
                           without it they are SKIPPED
  --jobs N                 sessions per version on a local target, files run in parallel
                           (default 2; 1 with --throughput, whose tests are CPU-bound)
  --timeout MS             Ryu's WAIT_TIMER for replies, frames and packet-ins (default 3000)
Output:
  --json FILE              { tests: [{ file, description, status, reason? }], summary }
  --junit FILE             JUnit XML, one suite per file, one case per test
  -h, --help               this text

Exit status: 0 when no test is ERROR, 1 when some are, 2 for usage and set-up problems.
`;

const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {
  override name = "UsageError";
}

/** Collects `.json` pattern files under the arguments, sorted within each directory. */
async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = [];
    for await (const e of Deno.readDir(dir)) entries.push(e);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = `${dir.replace(/\/$/, "")}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (e.isFile && e.name.endsWith(".json")) out.push(p);
    }
  };
  for (const p of paths) {
    let info;
    try {
      info = await Deno.stat(p);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (info.isDirectory) await walk(p);
    else out.push(p);
  }
  return out;
}

/** Parses `--ports target_recv_port=1,...` over Ryu's defaults. */
export function parsePorts(text: string | undefined): RyuPorts {
  const ports: RyuPorts = { ...RYU_DEFAULT_PORTS };
  if (!text) return ports;
  for (const part of text.split(",")) {
    const m = /^\s*([a-z_0-9]+)\s*=\s*(\d+)\s*$/.exec(part);
    const key = m && Object.hasOwn(RYU_PORT_NAMES, m[1]) ? RYU_PORT_NAMES[m[1]] : undefined;
    if (!m || !key || Number(m[2]) < 1 || Number(m[2]) > 0xffffff00) {
      throw new UsageError(
        `Expected --ports as NAME=N pairs with NAME one of ${
          Object.keys(RYU_PORT_NAMES).join(", ")
        }, got "${part}"`,
      );
    }
    ports[key] = Number(m[2]);
  }
  return ports;
}

/** Progress on stderr: a live line on a terminal, a line per file otherwise. */
class Progress {
  readonly #tty = Deno.stderr.isTerminal();
  readonly #enc = new TextEncoder();
  readonly #start = performance.now();
  done = 0;
  errors = 0;
  constructor(readonly total: number) {}

  update(file: string): void {
    const s = ((performance.now() - this.#start) / 1000).toFixed(0);
    const line = `[${this.done}/${this.total} tests, ${this.errors} ERROR, ${s}s] ${file}`;
    if (this.#tty) Deno.stderr.writeSync(this.#enc.encode(`\r\x1b[K${line.slice(0, 150)}`));
    else console.error(line);
  }

  end(): void {
    if (this.#tty) Deno.stderr.writeSync(this.#enc.encode("\r\x1b[K"));
  }
}

/**
 * Runs the command with its arguments.
 *
 * @param args Command-line arguments.
 * @returns The exit status.
 */
export async function main(args: readonly string[]): Promise<number> {
  let opts;
  try {
    opts = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        ...TARGET_OPTIONS,
        version: { type: "string" },
        ports: { type: "string" },
        filter: { type: "string" },
        throughput: { type: "boolean", default: false },
        jobs: { type: "string" },
        timeout: { type: "string", default: "3000" },
        json: { type: "string" },
        junit: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    console.error(`ryu-suite: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const v = opts.values;
  if (v.help) {
    console.log(HELP);
    return 0;
  }
  try {
    const version = v.version === undefined ? undefined : Number(v.version);
    if (version !== undefined && version !== 1 && version !== 4) {
      throw new UsageError(`Expected --version 1 or 4, got "${v.version}"`);
    }
    // Throughput tests are CPU-bound (the data plane sends up to 20000 frames/s): one bridge.
    const jobs = Number(v.jobs ?? (v.throughput ? 1 : 2)), timeout = Number(v.timeout);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) {
      throw new UsageError(`Expected --jobs from 1 to 16, got "${v.jobs}"`);
    }
    if (!Number.isInteger(timeout) || timeout < 1) {
      throw new UsageError(`Expected --timeout in ms, got "${v.timeout}"`);
    }
    const ports = parsePorts(v.ports);
    let filter: RegExp | undefined;
    try {
      filter = v.filter === undefined ? undefined : new RegExp(v.filter);
    } catch (e) {
      throw new UsageError(`Expected --filter as a regular expression: ${(e as Error).message}`);
    }
    let explicit;
    try {
      explicit = targetFromFlags(v);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const paths = opts.positionals.length ? opts.positionals : ["../shared/ryu-switch-tests/of13"];
    const files = await collectFiles(paths);
    if (!files.length) throw new UsageError("Test file (*.json) is not found.");

    // Read every file first: format errors are reported as ERROR, like Ryu's warnings.
    const results = new Map<string, RyuTestResult[]>();
    const loaded: RyuPatternFile[] = [];
    for (const f of files) {
      try {
        loaded.push(await readPatternFile(f, { ports }));
      } catch (e) {
        if (!(e instanceof RyuPatternError || e instanceof RyuExpressionError)) throw e;
        results.set(f, [{
          file: f,
          title: f,
          description: "(the file)",
          status: "ERROR",
          reason: `Test file format error: ${e.message}`,
          category: "Test file format error",
          seconds: 0,
        }]);
      }
    }
    const keep = filter &&
      ((f: RyuPatternFile, t: RyuPatternTest) =>
        filter.test(`${f.title} ${t.description}`) || filter.test(f.file));
    const wanted = (file: RyuPatternFile) =>
      file.tests.filter((t) => !keep || keep(file, t)).length;
    const runnable = loaded.filter((f) => wanted(f) > 0);
    const versions = [...new Set(runnable.map((f) => f.version))]
      .filter((x): x is 1 | 4 => (x === 1 || x === 4) && (version === undefined || x === version));
    const progress = new Progress(
      runnable.filter((f) => versions.includes(f.version as 1 | 4)).reduce(
        (n, f) => n + wanted(f),
        0,
      ),
    );
    const started = performance.now();
    let bed: RyuTestbed | undefined;
    if (versions.length) {
      const { target, reason } = chooseTarget(explicit);
      console.error(`target: ${target.kind} (${reason})`);
      try {
        bed = await RyuTestbed.start({ target, versions, jobs });
      } catch (e) {
        if (e instanceof OvsNotFoundError) throw new UsageError(e.message);
        throw e;
      }
      console.error(`switch: ${bed.description}`);
    }
    try {
      // Throughput tests run one at a time: parallel senders would share the CPU.
      let lock = Promise.resolve();
      const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
        const run = lock.then(fn);
        lock = run.then(() => {}, () => {});
        return run;
      };
      // A queue per version; each target takes the next file of its version.
      const queue = [...runnable];
      const worker = async (target: RyuTarget, v: number) => {
        for (;;) {
          const i = queue.findIndex((f) => f.version === v);
          if (i < 0) return;
          const [file] = queue.splice(i, 1);
          progress.update(file.title);
          const list = await runPatternFile(file, target, {
            ports,
            throughput: opts.values.throughput,
            timeout,
            filter: keep,
            exclusive,
            onResult: (r) => {
              progress.done++;
              if (r.status === "ERROR") progress.errors++;
            },
          });
          results.set(file.file, list);
        }
      };
      const workers: Promise<void>[] = [];
      for (const ver of versions) {
        for (const t of bed!.targets(ver)) workers.push(worker(t, ver));
      }
      // Files no session runs (OpenFlow 1.4, or a version other than --version): SKIPPED.
      await Promise.all(workers);
      for (const file of queue.splice(0)) {
        results.set(file.file, skipPatternFile(file, version, keep));
      }
    } finally {
      progress.end();
      await bed?.close();
    }
    const all: RyuTestResult[] = [];
    for (const f of files) {
      const list = results.get(f);
      if (!list?.length) continue;
      console.log(list[0].title);
      for (const r of list) console.log(formatResult(r));
      all.push(...list);
    }
    console.log("");
    console.log(formatSummary(all));
    console.log(`(${files.length} files, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (v.json) await Deno.writeTextFile(v.json, JSON.stringify(jsonReport(all), null, 2) + "\n");
    if (v.junit) await Deno.writeTextFile(v.junit, junitXml(junitSuites(all), "ryu-switch-tests"));
    return all.some((r) => r.status === "ERROR") ? EXIT_ERRORS : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`ryu-suite: ${e.message}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
