/**
 * Checks that the published docs show what the package exports: every runtime member of an
 * exported namespace (`of10.match`, `of13.applyActions`...) must appear in `deno doc --json`
 * (re-exports by name inside a namespace drop out of the docs silently), and no name may be
 * exported both at an entry point's top level and inside one of its namespaces (each type
 * and value is exported once).
 *
 *   deno run --allow-read --allow-run tools/check_doc_exports.ts [entry.ts ...]
 *
 * Without arguments it checks the entry points of deno.json's `exports`. Exits 1 and lists
 * what is wrong, or prints a one-line summary.
 *
 * @module
 */

/** What one entry point's docs get wrong. */
export interface DocExportProblems {
  /** The entry point's path. */
  entry: string;
  /** `namespace.member` for each runtime namespace member missing from the docs. */
  missing: string[];
  /** `name (namespace)` for each name exported at the top level and in a namespace. */
  twice: string[];
  /** How many namespace members were checked. */
  checked: number;
}

interface DocNode {
  name: string;
  declarations?: { kind: string; def?: { elements?: DocNode[] } }[];
  kind?: string;
  namespaceDef?: { elements: DocNode[] };
}

/** The top-level symbols of `deno doc --json` for `entry`. */
async function docSymbols(entry: string): Promise<DocNode[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", entry],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`deno doc --json ${entry} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
  const json = JSON.parse(new TextDecoder().decode(out.stdout));
  const nodes = json.nodes ?? json;
  if (Array.isArray(nodes)) return nodes; // older output: one array of nodes
  return Object.values(nodes as Record<string, { symbols: DocNode[] }>).flatMap((n) => n.symbols);
}

/** The member names the docs list for a namespace symbol. */
function namespaceMembers(symbol: DocNode): string[] | undefined {
  const decl = symbol.declarations?.find((d) => d.kind === "namespace");
  const elements = decl?.def?.elements ?? symbol.namespaceDef?.elements;
  return elements?.map((e) => e.name);
}

/**
 * Checks one entry point.
 *
 * @param entry A module path or URL.
 * @returns What is missing from its docs, and what is exported twice.
 */
export async function checkDocExports(entry: string): Promise<DocExportProblems> {
  const url = entry.includes("://") ? entry : new URL(entry, `file://${Deno.cwd()}/`).href;
  const runtime: Record<string, unknown> = await import(url);
  const symbols = await docSymbols(url);
  const topLevel = new Set(symbols.map((s) => s.name));
  const missing: string[] = [];
  const twice: string[] = [];
  let checked = 0;
  for (const symbol of symbols) {
    const members = namespaceMembers(symbol);
    if (!members) continue;
    const documented = new Set(members);
    const ns = runtime[symbol.name];
    if (ns && typeof ns === "object") {
      for (const name of Object.keys(ns)) {
        checked++;
        if (!documented.has(name)) missing.push(`${symbol.name}.${name}`);
      }
    }
    for (const name of documented) if (topLevel.has(name)) twice.push(`${name} (${symbol.name})`);
  }
  return { entry, missing, twice, checked };
}

/** The entry points of the deno.json in the working directory. */
async function entryPoints(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  const exports = config.exports;
  return typeof exports === "string" ? [exports] : Object.values(exports as Record<string, string>);
}

if (import.meta.main) {
  const entries = Deno.args.length > 0 ? Deno.args : await entryPoints();
  let bad = false;
  let checked = 0;
  for (const entry of entries) {
    const r = await checkDocExports(entry);
    checked += r.checked;
    for (const m of r.missing) console.error(`${entry}: ${m} is exported but not in deno doc`);
    for (const t of r.twice) {
      console.error(`${entry}: ${t} is exported at the top level and in a namespace`);
    }
    bad ||= r.missing.length > 0 || r.twice.length > 0;
  }
  if (bad) Deno.exit(1);
  console.log(`deno doc lists all ${checked} namespace members of ${entries.length} entry points`);
}
