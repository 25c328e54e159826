// Reading Ryu's JSON with the path of every value at hand, so that any error names the file
// and the JSON path; integers beyond 2^53 keep their exact value as bigints.
import { RyuPatternError } from "./errors.ts";

/**
 * Parses JSON text; an integer literal too large for a double becomes a bigint (Ryu writes
 * 64-bit metadata, cookies and tunnel ids as plain numbers).
 */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(
      text,
      ((_key: string, value: unknown, context?: { source?: string }) => {
        if (
          typeof value === "number" && !Number.isSafeInteger(value) &&
          context?.source !== undefined && /^-?\d+$/.test(context.source)
        ) {
          return BigInt(context.source);
        }
        return value;
      }) as (key: string, value: unknown) => unknown,
    );
  } catch (e) {
    throw new RyuPatternError(`Expected JSON, got a syntax error: ${(e as Error).message}`, {
      file,
      path: "",
      cause: e,
    });
  }
}

/** Describes a JSON value for error messages. */
export function describeJson(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  if (typeof v === "bigint") return `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

/** A JSON value with its file and path. */
export class JsonCursor {
  constructor(readonly file: string, readonly path: string, readonly value: unknown) {}

  /** Throws a RyuPatternError at this path. */
  fail(detail: string, cause?: unknown): never {
    throw new RyuPatternError(detail, { file: this.file, path: this.path, cause });
  }

  /** The cursor of member `key` (which may be absent: value undefined). */
  at(key: string | number): JsonCursor {
    const path = typeof key === "number"
      ? `${this.path}[${key}]`
      : `${this.path}${this.path ? "." : ""}${key}`;
    const v = this.value as Record<string | number, unknown>;
    return new JsonCursor(this.file, path, v?.[key]);
  }

  get present(): boolean {
    return this.value !== undefined;
  }

  /** Asserts an object whose keys are all in `allowed`. */
  object(allowed?: readonly string[]): Record<string, unknown> {
    const v = this.value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      this.fail(`Expected an object, got ${describeJson(v)}`);
    }
    if (allowed) {
      for (const key of Object.keys(v)) {
        if (!allowed.includes(key)) {
          this.fail(`Unknown key "${key}"; expected one of ${allowed.join(", ")}`);
        }
      }
    }
    return v as Record<string, unknown>;
  }

  /** Asserts an array and returns cursors of its elements. */
  array(): JsonCursor[] {
    if (!Array.isArray(this.value)) this.fail(`Expected an array, got ${describeJson(this.value)}`);
    return this.value.map((_, i) => this.at(i));
  }

  /** Asserts a `{"ClassName": {...}}` wrapper and returns the name and the body's cursor. */
  tagged(): [string, JsonCursor] {
    const v = this.object();
    const keys = Object.keys(v);
    if (keys.length !== 1) {
      this.fail(
        `Expected an object with one class name as its key, got ${
          keys.length === 0 ? "no keys" : `the keys ${keys.join(", ")}`
        }`,
      );
    }
    return [keys[0], this.at(keys[0])];
  }

  /** An integer in [min, max] (a bigint literal is accepted when it fits). */
  int(min = 0, max = 0xffffffff): number {
    let v = this.value;
    if (typeof v === "bigint" && v >= BigInt(min) && v <= BigInt(max)) v = Number(v);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(`Expected an integer from ${min} to ${max}, got ${describeJson(v)}`);
    }
    return v;
  }

  /** An integer in [min, max], or `fallback` when absent. */
  optInt(fallback: number, min = 0, max = 0xffffffff): number {
    return this.present ? this.int(min, max) : fallback;
  }

  /** An unsigned 64-bit integer. */
  u64(): bigint {
    const v = this.value;
    if (typeof v === "bigint" && v >= 0n && v < 1n << 64n) return v;
    if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
    this.fail(`Expected an integer from 0 to 2^64-1, got ${describeJson(v)}`);
  }

  /** A string. */
  string(): string {
    if (typeof this.value !== "string") {
      this.fail(`Expected a string, got ${describeJson(this.value)}`);
    }
    return this.value;
  }
}
