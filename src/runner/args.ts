// The suite runner's command line.
import { parseArgs } from "node:util";
import type { HelperTimeouts } from "../testing/context.ts";
import type { SwitchTestDefinition } from "../testing/_registry.ts";
import type { SessionVersion } from "../testing/session.ts";
import type { TargetSpec } from "../testing/target.ts";
import { TARGET_HELP, TARGET_OPTIONS, targetFromFlags } from "../cli/_target_flags.ts";

/** The runner's help text. */
export const RUNNER_HELP = `Usage: deno task suite [options] [FILES|DIRS...]
       deno task suite ryu [options] [FILES|DIRS...]   (Ryu's switch-test patterns: --help there)

Runs switch tests (default: the conformance suite) against a switch and reports.

${TARGET_HELP}
Selection:
  --version LIST         1.0, 1.3 or 1.0,1.3 (default both)
  --filter TEXT          tests whose "group: name" contains TEXT, or matches /REGEX/ (repeatable)
  --group NAME           tests of this group (repeatable)
  --tag NAME             tests with this tag (repeatable)
  --exclude TEXT         leave out tests whose "group: name" contains TEXT or matches /REGEX/
  --list                 print the selected tests and exit
Running:
  --random               shuffle the order with a new seed (printed)
  --seed N               shuffle the order with seed N (the same seed, the same order)
  --repeat N             run each test N times
  --fail-fast            stop at the first failure
  --timeout-scale X      multiply every deadline (tests, expected frames, unexpected frames)
  --packet-timeout MS    how long to wait for an expected frame or packet-in (default 2000)
  --negative-timeout MS  how long to watch for an unexpected one (default 200)
Reports:
  --json FILE  --junit FILE  --html FILE
  --pcap DIR             a pcap per test: the control channel and every data-plane frame
  --quiet                print only failures and the summary
  -h, --help

Exit code: 0 when nothing unexpected failed, 1 when a test failed, 2 for usage or set-up errors.`;

/** Parsed arguments. */
export interface RunnerArgs {
  help: boolean;
  paths: string[];
  target: TargetSpec | undefined;
  versions: SessionVersion[];
  select: (label: string, def: SwitchTestDefinition) => boolean;
  list: boolean;
  seed: number | undefined;
  repeat: number;
  failFast: boolean;
  deadlineScale: number;
  timeouts: Partial<HelperTimeouts>;
  json?: string;
  junit?: string;
  html?: string;
  pcap?: string;
  quiet: boolean;
}

function positive(name: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new TypeError(
      `--${name} must be a positive ${integer ? "integer" : "number"}, got "${text}"`,
    );
  }
  return n;
}

function matcher(pattern: string): (label: string) => boolean {
  const m = /^\/(.*)\/([a-z]*)$/.exec(pattern);
  if (!m) return (label) => label.includes(pattern);
  let re: RegExp;
  try {
    re = new RegExp(m[1], m[2]);
  } catch (e) {
    throw new TypeError(`Invalid pattern ${pattern}: ${e instanceof Error ? e.message : e}`);
  }
  return (label) => re.test(label);
}

/**
 * Parses the runner's arguments.
 *
 * @param argv The arguments.
 * @returns What they ask for.
 * @throws {TypeError} On an unknown option or a malformed value (the message says which).
 */
export function parseRunnerArgs(argv: string[]): RunnerArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      ...TARGET_OPTIONS,
      version: { type: "string" },
      filter: { type: "string", multiple: true },
      group: { type: "string", multiple: true },
      tag: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
      list: { type: "boolean" },
      random: { type: "boolean" },
      seed: { type: "string" },
      repeat: { type: "string" },
      "fail-fast": { type: "boolean" },
      "timeout-scale": { type: "string" },
      "packet-timeout": { type: "string" },
      "negative-timeout": { type: "string" },
      json: { type: "string" },
      junit: { type: "string" },
      html: { type: "string" },
      pcap: { type: "string" },
      quiet: { type: "boolean" },
    },
  });
  const target = targetFromFlags(values);
  const versions = (values.version ?? "1.0,1.3").split(",").map((v) => {
    const version = ({ "1.0": 1, "1.3": 4 } as const)[v.trim() as "1.0" | "1.3"];
    if (!version) {
      throw new TypeError(`--version must be 1.0, 1.3 or 1.0,1.3, got "${values.version}"`);
    }
    return version;
  });
  const filters = (values.filter ?? []).map(matcher);
  const excludes = (values.exclude ?? []).map(matcher);
  const groups = values.group ?? [];
  const tags = values.tag ?? [];
  let seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)) {
    throw new TypeError(`--seed must be an integer from 0 to 2^32-1, got "${values.seed}"`);
  }
  if (values.random && seed === undefined) seed = Math.floor(Math.random() * 2 ** 32);
  const scale = positive("timeout-scale", values["timeout-scale"], false) ?? 1;
  const positiveMs = positive("packet-timeout", values["packet-timeout"], true) ?? 2000;
  const negativeMs = positive("negative-timeout", values["negative-timeout"], true) ?? 200;
  return {
    help: values.help ?? false,
    paths: positionals,
    target,
    versions,
    select: (label, def) =>
      (filters.length === 0 || filters.some((f) => f(label))) &&
      !excludes.some((f) => f(label)) &&
      (groups.length === 0 || groups.includes(def.group)) &&
      (tags.length === 0 || def.tags.some((t) => tags.includes(t))),
    list: values.list ?? false,
    seed,
    repeat: positive("repeat", values.repeat, true) ?? 1,
    failFast: values["fail-fast"] ?? false,
    deadlineScale: scale,
    timeouts: { positive: positiveMs * scale, negative: negativeMs * scale },
    json: values.json,
    junit: values.junit,
    html: values.html,
    pcap: values.pcap,
    quiet: values.quiet ?? false,
  };
}
