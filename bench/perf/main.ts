// End-to-end performance harness (`deno task perf`). Each figure is measured against a
// baseline in the same run and reported as a ratio (these machines are shared and noisy),
// with what bounds it, measured: CPU shares of the threads and processes involved.
//   deno task perf [--quick] [--json FILE] [--only ingest,transactions,cbench,...]
// Load generators and peers run as separate processes (peers/); traffic stays on 127.0.0.1.
// Every wait has a deadline: a scenario that cannot finish fails with a message.
import { parseArgs } from "node:util";
import { cbench } from "./cbench.ts";
import type { Result } from "./_harness.ts";
import { ingest } from "./ingest.ts";
import { codecPeer, packetPeer } from "./libraries.ts";
import { memory } from "./memory.ts";
import { realSwitch } from "./ovs.ts";
import { scale } from "./scale.ts";
import { switchPerf } from "./switch.ts";
import { transactions } from "./transactions.ts";

const USAGE = `Usage: deno task perf [--quick] [--json FILE] [--only NAME,...]

  --quick       shorter runs (a few minutes in all)
  --json FILE   also write the rows as JSON
  --only NAMES  run only these scenarios: ingest, transactions, cbench, memory, scale, codec,
                packet, ovs, switch`;
let values;
try {
  ({ values } = parseArgs({
    args: Deno.args,
    options: {
      quick: { type: "boolean", default: false },
      json: { type: "string" },
      only: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  }));
} catch (e) {
  console.error(`perf: ${(e as Error).message}\n\n${USAGE}`);
  Deno.exit(2);
}
if (values.help) {
  console.log(USAGE);
  Deno.exit(0);
}
const quick = values.quick;
const only = values.only?.split(",");
const progress = (s: string) => console.error(`perf: ${s}`);
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));

type Scenario = (quick: boolean, progress: (s: string) => void) => Promise<Result[]>;
const scenarios: Record<string, Scenario> = {
  ingest,
  transactions,
  cbench,
  memory,
  scale,
  codec: codecPeer,
  packet: packetPeer,
  ovs: realSwitch,
  switch: switchPerf,
};
if (only) {
  const unknown = only.filter((name) => !(name in scenarios));
  if (unknown.length > 0) {
    console.error(`Unknown scenario ${unknown.join(", ")}: expected ${Object.keys(scenarios)}`);
    Deno.exit(2);
  }
}

const results: Result[] = [];
for (const [name, run] of Object.entries(scenarios)) {
  if (only && !only.includes(name)) continue;
  try {
    for (const r of await run(quick, progress)) {
      results.push(r);
      progress(
        `${r.name}: ${fmt(r.value)} ${r.unit} (baseline ${fmt(r.baselineValue)}, ratio ${
          r.ratio.toFixed(2)
        })${r.bound ? ` — bounded by ${r.bound}` : ""}`,
      );
    }
  } catch (e) {
    progress(`${name} failed: ${(e as Error).message}`);
    Deno.exitCode = 1;
  }
}

const rows = results.map((r) =>
  `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baseline}: ${fmt(r.baselineValue)} | ${
    r.ratio.toFixed(2)
  } | ${r.target ?? ""} | ${r.bound ?? ""} |`
);
console.log(
  [
    "| measure | value | baseline | ratio | target | bounded by |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n"),
);
if (values.json) {
  // The row format stays { name, value, unit, baseline, baselineValue, ratio }.
  await Deno.writeTextFile(
    values.json,
    JSON.stringify(
      results.map(({ name, value, unit, baseline, baselineValue, ratio }) => ({
        name,
        value,
        unit,
        baseline,
        baselineValue,
        ratio,
      })),
      null,
      2,
    ),
  );
}
