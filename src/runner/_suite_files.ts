// The suite modules to import: files as given, directories searched for *.ts (sorted).

/**
 * The default suite: the conformance suite shipped with the package, through its index module
 * (a directory cannot be listed when the package is run from JSR).
 */
export const DEFAULT_SUITE: URL = new URL("../../suites/mod.ts", import.meta.url);

/** File URLs of the suite modules under `paths` (default the conformance suite). */
export async function suiteFiles(paths: readonly string[]): Promise<string[]> {
  const roots = paths.length === 0
    ? [DEFAULT_SUITE]
    : paths.map((p) => new URL(p, `file://${Deno.cwd()}/`));
  const out: string[] = [];
  for (const root of roots) {
    if (root.protocol !== "file:" || root.href.endsWith("/mod.ts")) {
      out.push(root.href); // a remote module: import it as it is
      continue;
    }
    const stat = await Deno.stat(root);
    if (stat.isFile) {
      out.push(root.href);
      continue;
    }
    const found: string[] = [];
    const walk = async (dir: URL) => {
      for await (const entry of Deno.readDir(dir)) {
        const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
        if (entry.isDirectory) await walk(url);
        else if (entry.name.endsWith(".ts") && !entry.name.startsWith("_")) found.push(url.href);
      }
    };
    await walk(root.href.endsWith("/") ? root : new URL(root.href + "/"));
    out.push(...found.sort());
  }
  return out;
}
