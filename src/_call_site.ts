// Failures of the test helpers point at the test's line, not at library code: the call site
// is captured when a helper is called (an await later, the caller's frames are gone), with
// every frame inside this package's src/ removed.

const LIBRARY = new URL("./", import.meta.url).href;

/** The stack lines of the current call, without this package's own frames. @internal */
export function callSite(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  return lines.filter((line) => !line.includes(LIBRARY)).join("\n");
}

/** Gives `error` the stack of `site` (from {@linkcode callSite}); returns it. @internal */
export function atCallSite<E extends Error>(error: E, site: string): E {
  error.stack = `${error.name}: ${error.message}${site ? `\n${site}` : ""}`;
  return error;
}
