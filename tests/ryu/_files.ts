// The pattern files under a directory, recursively, in a stable order.

/** Every `.json` file under `dir`, sorted by path. */
export async function patternFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for await (const e of Deno.readDir(d)) {
      const p = `${d.replace(/\/$/, "")}/${e.name}`;
      if (e.isDirectory) await walk(p);
      else if (e.name.endsWith(".json")) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}
