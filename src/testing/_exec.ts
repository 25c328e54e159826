// Runs the Open vSwitch command-line tools and reports failures with their output.
import { OvsCommandError, OvsNotFoundError } from "./errors.ts";

/** Finds `name` on `path` (a PATH-style list). */
export function findBinary(name: string, path: string): string | undefined {
  for (const dir of path.split(":")) {
    if (!dir) continue;
    try {
      if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
    } catch { /* not in this directory */ }
  }
  return undefined;
}

/** Resolves every binary or throws {@linkcode OvsNotFoundError} naming the first missing one. */
export function resolveBinaries<const T extends readonly string[]>(
  names: T,
  path: string,
): Record<T[number], string> {
  const out = {} as Record<T[number], string>;
  for (const name of names) {
    const found = findBinary(name, path);
    if (!found) throw new OvsNotFoundError(name, { searchPath: path });
    out[name as T[number]] = found;
  }
  return out;
}

/**
 * Runs a command to completion (the child is always awaited); throws
 * {@linkcode OvsCommandError} on a non-zero exit and {@linkcode OvsNotFoundError} when the
 * binary vanished since it was resolved.
 */
export async function run(
  binary: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(binary, {
      args: [...args],
      env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new OvsNotFoundError(binary.replace(/^.*\//, ""), { cause: e });
    }
    throw e;
  }
  const stdout = new TextDecoder().decode(out.stdout);
  if (out.code !== 0) {
    throw new OvsCommandError(binary, args, out.code, new TextDecoder().decode(out.stderr));
  }
  return stdout;
}
