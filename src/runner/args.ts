// The suite runner's command line.
import { parseArgs } from "node:util";
import type { HelperTimeouts } from "../testing/context.ts";
import type { SwitchTestDefinition } from "../testing/_registry.ts";
import type { SessionVersion } from "../testing/session.ts";
import { parsePortMap, parseTarget, type TargetSpec } from "../testing/target.ts";

/** The runner's help text. */
export const RUNNER_HELP = `Usage: deno task suite [options] [FILES|DIRS...]

Runs switch tests (default: the conformance suite) against a switch and reports.

Target (default: $OFTEST_TARGET, else a local Open vSwitch if installed, else the embedded switch):
  --target KIND          ovs | ovs+tester | embedded | listen:[HOST:]PORT | connect:HOST:PORT
  --listen [HOST:]PORT   the same as --target listen:[HOST:]PORT
  --connect HOST:PORT    the same as --target connect:HOST:PORT
  --port-map FILE        data ports and tester switch of a switch of your own (JSON, see docs)
  --tls-cert FILE --tls-key FILE --tls-ca FILE   mutual TLS (PEM files)
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
      target: { type: "string" },
      listen: { type: "string" },
      connect: { type: "string" },
      "port-map": { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      "tls-ca": { type: "string" },
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
  const targets = [
    values.target,
    values.listen && `listen:${values.listen}`,
    values.connect && `connect:${values.connect}`,
  ].filter(Boolean) as string[];
  if (targets.length > 1) throw new TypeError("Give one of --target, --listen, --connect");
  const read = (flag: string, path: string | undefined) => {
    if (path === undefined) return undefined;
    try {
      return Deno.readTextFileSync(path);
    } catch (e) {
      throw new TypeError(`Cannot read --${flag} ${path}: ${e instanceof Error ? e.message : e}`);
    }
  };
  const mapText = read("port-map", values["port-map"]);
  const portMap = mapText === undefined ? undefined : parsePortMap(mapText, values["port-map"]);
  const tlsParts = [
    read("tls-cert", values["tls-cert"]),
    read("tls-key", values["tls-key"]),
    read("tls-ca", values["tls-ca"]),
  ];
  if (tlsParts.some(Boolean) && !tlsParts.every(Boolean)) {
    throw new TypeError("TLS needs all of --tls-cert, --tls-key and --tls-ca");
  }
  const tls = tlsParts[0]
    ? { cert: tlsParts[0], key: tlsParts[1]!, ca: tlsParts[2]!, verifyHostname: false }
    : undefined;
  const target = targets.length ? parseTarget(targets[0], portMap, tls) : undefined;
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
