// Failures of the test helpers point at the test's line, not at library code: the call site
// is captured when a helper is called (an await later, the caller's frames are gone), with
// every frame inside this package's src/ removed.

const LIBRARY = new URL("./", import.meta.url).href;

/** The stack lines of the current call, without this package's own frames. @internal */
export function callSite(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  return lines.filter((line) => !line.includes(LIBRARY)).join("\n");
}

/**
 * Gives `error` the stack of `site` (from {@linkcode callSite}); returns it. The stack's
 * header is the message's first line only: Deno's test reporter prints the whole message,
 * then every stack line after the first, so a multi-line message (a frame diff) in the
 * stack would be printed twice. @internal
 */
export function atCallSite<E extends Error>(error: E, site: string): E {
  const header = `${error.name}: ${error.message.split("\n", 1)[0]}`;
  error.stack = site ? `${header}\n${site}` : header;
  return error;
}
