/**
 * Errors of the Ryu pattern readers: a pattern file that does not follow Ryu's format, and a
 * packet expression that cannot be read.
 *
 * @module
 */

/** Fields of {@linkcode RyuPatternError}. */
export interface RyuPatternErrorOptions {
  /** The pattern file, as given to the loader (or `"<inline>"`). */
  file: string;
  /** JSON path of the offending value, e.g. `[3].prerequisite[0].OFPFlowMod.match`. */
  path: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A pattern file does not follow Ryu's format: bad JSON, an unknown key or class, a value of
 * the wrong type. The message names the file and the JSON path.
 *
 * @example
 * ```ts
 * import { RyuPatternError } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const e = new RyuPatternError("Unknown key \"prio\"", { file: "a.json", path: "[1].prerequisite[0].OFPFlowMod" });
 * assert.equal(e.path, "[1].prerequisite[0].OFPFlowMod");
 * assert.match(e.message, /^a\.json: \[1\]\.prerequisite\[0\]\.OFPFlowMod: Unknown key/);
 * ```
 */
export class RyuPatternError extends Error {
  /** The pattern file. */
  readonly file: string;
  /** JSON path of the offending value. */
  readonly path: string;
  /** The problem, without the file and path. */
  readonly detail: string;

  /**
   * Creates the error.
   *
   * @param detail What was expected and what came.
   * @param options File, JSON path and cause.
   */
  constructor(detail: string, options: RyuPatternErrorOptions) {
    super(`${options.file}: ${options.path || "(top)"}: ${detail}`, { cause: options.cause });
    this.name = "RyuPatternError";
    this.file = options.file;
    this.path = options.path;
    this.detail = detail;
  }
}

/** Fields of {@linkcode RyuExpressionError}. */
export interface RyuExpressionErrorOptions {
  /** The expression text (one element of a packet's list). */
  source: string;
  /** 1-based column of the offending character in `source`. */
  column: number;
  /** The pattern file, when known. */
  file?: string;
  /** The test's description, when known. */
  test?: string;
  /** JSON path of the expression, when known. */
  path?: string;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A packet expression (`ethernet(dst='…')`, `b'\x01'`, ...) cannot be read or evaluated: a
 * syntax error, an unknown class or argument, a value out of range. The message names the
 * file, the test and the column, and shows the expression with a caret under the column.
 *
 * @example
 * ```ts
 * import { RyuExpressionError } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const e = new RyuExpressionError("Unknown packet class \"ethernt\"", { source: "ethernt()", column: 1 });
 * assert.equal(e.column, 1);
 * assert.match(e.message, /column 1/);
 * ```
 */
export class RyuExpressionError extends Error {
  /** The expression text. */
  readonly source: string;
  /** 1-based column in `source`. */
  readonly column: number;
  /** The pattern file, if known. */
  readonly file: string | undefined;
  /** The test's description, if known. */
  readonly test: string | undefined;
  /** JSON path of the expression, if known. */
  readonly path: string | undefined;
  /** The problem, without the location. */
  readonly detail: string;

  /**
   * Creates the error.
   *
   * @param detail What was expected and what came.
   * @param options The expression, column and where it came from.
   */
  constructor(detail: string, options: RyuExpressionErrorOptions) {
    const where = [
      options.file,
      options.test === undefined ? undefined : `test "${options.test}"`,
      options.path,
      `column ${options.column}`,
    ].filter((s) => s !== undefined).join(", ");
    const caret = " ".repeat(Math.max(0, options.column - 1)) + "^";
    super(`${where}: ${detail}\n  ${options.source}\n  ${caret}`, { cause: options.cause });
    this.name = "RyuExpressionError";
    this.source = options.source;
    this.column = options.column;
    this.file = options.file;
    this.test = options.test;
    this.path = options.path;
    this.detail = detail;
  }
}
