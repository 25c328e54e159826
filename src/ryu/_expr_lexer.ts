// Tokens of the Python expression subset Ryu's pattern files use for packets: names, integer
// literals (decimal, 0x, 0o, 0b, with underscores), str and bytes literals with Python's
// escapes (adjacent literals concatenate in the parser), and operators.

/** One token; `pos` is the 0-based offset of its first character. */
export type Token =
  | { kind: "name"; text: string; pos: number }
  | { kind: "int"; value: bigint; pos: number }
  | { kind: "str"; value: string; pos: number }
  | { kind: "bytes"; value: Uint8Array; pos: number }
  | { kind: "op"; text: string; pos: number }
  | { kind: "end"; pos: number };

/** A lexing or parsing problem at a 0-based offset. */
export class ExprSyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = "ExprSyntaxError";
  }
}

const OPS = [
  "**",
  "//",
  "<<",
  ">>",
  "(",
  ")",
  "[",
  "]",
  ",",
  "=",
  ".",
  "/",
  "*",
  "-",
  "+",
  "&",
  "|",
  "^",
  "~",
  "%",
];
const SIMPLE_ESCAPES: Record<string, number> = {
  "\\": 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 0x07,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

const isDigit = (c: string) => c >= "0" && c <= "9";
const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNameChar = (c: string) => /[A-Za-z0-9_]/.test(c);

/** Splits `src` into tokens, ending with an `end` token. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    // String and bytes literals, with optional prefixes b, r, br, rb (either case).
    const prefix = /^(?:[bB][rR]?|[rR][bB]?)?(?=['"])/.exec(src.slice(i, i + 3));
    if (prefix && (src[i + prefix[0].length] === "'" || src[i + prefix[0].length] === '"')) {
      const p = prefix[0].toLowerCase();
      const start = i;
      i += p.length;
      const [codes, end] = readQuoted(src, i, p.includes("r"), p.includes("b"));
      i = end;
      if (p.includes("b")) out.push({ kind: "bytes", value: Uint8Array.from(codes), pos: start });
      else out.push({ kind: "str", value: String.fromCodePoint(...codes), pos: start });
      continue;
    }
    if (isDigit(c)) {
      const start = i;
      const m = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)/.exec(src.slice(i))!;
      const text = m[0].replaceAll("_", "");
      if (/^0[0-9]/.test(text) && /[1-9]/.test(text)) {
        throw new ExprSyntaxError(
          `Expected an integer literal, got "${m[0]}" (leading zeros are not allowed)`,
          start,
        );
      }
      i += m[0].length;
      if (i < src.length && (isNameChar(src[i]) || src[i] === ".")) {
        throw new ExprSyntaxError(
          `Expected an integer literal, got "${m[0]}${src[i]}" (only integers are supported)`,
          start,
        );
      }
      out.push({ kind: "int", value: BigInt(text), pos: start });
      continue;
    }
    if (isNameStart(c)) {
      const start = i;
      while (i < src.length && isNameChar(src[i])) i++;
      out.push({ kind: "name", text: src.slice(start, i), pos: start });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprSyntaxError(`Unexpected character "${c}"`, i);
    out.push({ kind: "op", text: op, pos: i });
    i += op.length;
  }
  out.push({ kind: "end", pos: src.length });
  return out;
}

/**
 * Reads a quoted literal whose opening quote is at `at`; returns its code points (bytes for a
 * bytes literal) and the offset after the closing quote.
 */
function readQuoted(src: string, at: number, raw: boolean, bytes: boolean): [number[], number] {
  const quote = src[at];
  const triple = src.startsWith(quote.repeat(3), at);
  const close = triple ? quote.repeat(3) : quote;
  let i = at + close.length;
  const codes: number[] = [];
  for (;;) {
    if (i >= src.length) throw new ExprSyntaxError("Unterminated string literal", at);
    if (src.startsWith(close, i)) return [codes, i + close.length];
    const ch = src[i];
    if (!triple && ch === "\n") throw new ExprSyntaxError("Unterminated string literal", at);
    if (ch !== "\\" || raw) {
      const cp = src.codePointAt(i)!;
      if (bytes && cp > 0x7f) {
        throw new ExprSyntaxError("Expected only ASCII characters in a bytes literal", i);
      }
      codes.push(cp);
      i += cp > 0xffff ? 2 : 1;
      if (raw && ch === "\\" && i < src.length) codes.push(src.codePointAt(i++)!);
      continue;
    }
    const esc = src[i + 1];
    if (esc === undefined) throw new ExprSyntaxError("Unterminated string literal", at);
    if (Object.hasOwn(SIMPLE_ESCAPES, esc)) {
      codes.push(SIMPLE_ESCAPES[esc]);
      i += 2;
    } else if (esc === "\n") {
      i += 2; // line continuation
    } else if (esc === "x") {
      const hex = src.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        throw new ExprSyntaxError(`Expected two hex digits after \\x, got "${hex}"`, i);
      }
      codes.push(parseInt(hex, 16));
      i += 4;
    } else if (esc >= "0" && esc <= "7") {
      const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))!;
      const v = parseInt(m[0], 8);
      if (bytes && v > 0xff) throw new ExprSyntaxError(`Octal escape \\${m[0]} exceeds 0o377`, i);
      codes.push(v);
      i += 1 + m[0].length;
    } else if (!bytes && (esc === "u" || esc === "U")) {
      const n = esc === "u" ? 4 : 8;
      const hex = src.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex) || parseInt(hex, 16) > 0x10ffff) {
        throw new ExprSyntaxError(`Expected ${n} hex digits after \\${esc}, got "${hex}"`, i);
      }
      codes.push(parseInt(hex, 16));
      i += 2 + n;
    } else {
      // Python keeps an unknown escape as written, backslash included.
      codes.push(0x5c);
      i += 1;
    }
  }
}
