// A recursive-descent parser for the Python expression subset of Ryu's packet expressions:
// literals, names, attribute access, calls with positional and keyword arguments, lists,
// tuples, parentheses, unary - + ~ and the binary operators | ^ & << >> + - * / // % **
// with Python's precedence. No evaluation happens here.
import { ExprSyntaxError, type Token, tokenize } from "./_expr_lexer.ts";

/** A node of the expression tree; `pos` is the 0-based offset it starts at. */
export type Expr =
  | { kind: "int"; value: bigint; pos: number }
  | { kind: "str"; value: string; pos: number }
  | { kind: "bytes"; value: Uint8Array; pos: number }
  | { kind: "name"; name: string; pos: number }
  | { kind: "attr"; object: Expr; name: string; pos: number }
  | { kind: "call"; callee: Expr; args: Expr[]; kwargs: Kwarg[]; pos: number }
  | { kind: "list"; items: Expr[]; pos: number }
  | { kind: "tuple"; items: Expr[]; pos: number }
  | { kind: "unary"; op: string; operand: Expr; pos: number }
  | { kind: "binary"; op: string; left: Expr; right: Expr; pos: number };

/** A keyword argument. */
export interface Kwarg {
  name: string;
  value: Expr;
  pos: number;
}

// Binary operators by precedence level, loosest first (Python's order).
const LEVELS: readonly (readonly string[])[] = [
  ["|"],
  ["^"],
  ["&"],
  ["<<", ">>"],
  ["+", "-"],
  ["*", "/", "//", "%"],
];

/** Parses one whole expression. */
export function parseExpr(src: string): Expr {
  const p = new Parser(tokenize(src));
  const e = p.expr();
  const t = p.peek();
  if (t.kind !== "end") throw new ExprSyntaxError(`Unexpected ${describe(t)}`, t.pos);
  return e;
}

function describe(t: Token): string {
  switch (t.kind) {
    case "end":
      return "end of expression";
    case "name":
      return `name "${t.text}"`;
    case "op":
      return `"${t.text}"`;
    case "int":
      return `number ${t.value}`;
    default:
      return `${t.kind} literal`;
  }
}

class Parser {
  #i = 0;
  constructor(readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.#i];
  }

  #next(): Token {
    return this.tokens[this.#i++];
  }

  #isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === text;
  }

  #expect(text: string): Token {
    const t = this.#next();
    if (t.kind !== "op" || t.text !== text) {
      throw new ExprSyntaxError(`Expected "${text}", got ${describe(t)}`, t.pos);
    }
    return t;
  }

  expr(level = 0): Expr {
    if (level === LEVELS.length) return this.#unary();
    let left = this.expr(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== "op" || !LEVELS[level].includes(t.text)) return left;
      this.#next();
      const right = this.expr(level + 1);
      left = { kind: "binary", op: t.text, left, right, pos: left.pos };
    }
  }

  #unary(): Expr {
    const t = this.peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+" || t.text === "~")) {
      this.#next();
      return { kind: "unary", op: t.text, operand: this.#unary(), pos: t.pos };
    }
    return this.#power();
  }

  #power(): Expr {
    const base = this.#postfix();
    if (this.#isOp("**")) {
      this.#next();
      // Right-associative, and binds tighter than a unary minus on its left only.
      const exponent = this.#unary();
      return { kind: "binary", op: "**", left: base, right: exponent, pos: base.pos };
    }
    return base;
  }

  #postfix(): Expr {
    let e = this.#atom();
    for (;;) {
      if (this.#isOp(".")) {
        this.#next();
        const t = this.#next();
        if (t.kind !== "name") {
          throw new ExprSyntaxError(
            `Expected an attribute name after ".", got ${describe(t)}`,
            t.pos,
          );
        }
        e = { kind: "attr", object: e, name: t.text, pos: e.pos };
      } else if (this.#isOp("(")) {
        e = this.#call(e);
      } else {
        return e;
      }
    }
  }

  #call(callee: Expr): Expr {
    this.#expect("(");
    const args: Expr[] = [];
    const kwargs: Kwarg[] = [];
    while (!this.#isOp(")")) {
      const t = this.peek();
      const after = this.tokens[this.#i + 1];
      if (t.kind === "name" && after.kind === "op" && after.text === "=") {
        this.#i += 2;
        if (kwargs.some((k) => k.name === t.text)) {
          throw new ExprSyntaxError(`Keyword argument "${t.text}" repeated`, t.pos);
        }
        kwargs.push({ name: t.text, value: this.expr(), pos: t.pos });
      } else {
        if (kwargs.length) {
          throw new ExprSyntaxError("Positional argument follows keyword argument", t.pos);
        }
        args.push(this.expr());
      }
      if (!this.#isOp(",")) break;
      this.#next();
    }
    this.#expect(")");
    return { kind: "call", callee, args, kwargs, pos: callee.pos };
  }

  #atom(): Expr {
    const t = this.#next();
    switch (t.kind) {
      case "int":
        return { kind: "int", value: t.value, pos: t.pos };
      case "name":
        return { kind: "name", name: t.text, pos: t.pos };
      case "str":
      case "bytes": {
        // Adjacent literals concatenate; str and bytes cannot mix.
        let value: string | Uint8Array = t.value;
        while (this.peek().kind === t.kind) {
          const u = this.#next() as typeof t;
          value = typeof value === "string"
            ? value + (u.value as string)
            : concat(value, u.value as Uint8Array);
        }
        const other = this.peek();
        if (other.kind === "str" || other.kind === "bytes") {
          throw new ExprSyntaxError("Cannot mix str and bytes literals", other.pos);
        }
        return t.kind === "str"
          ? { kind: "str", value: value as string, pos: t.pos }
          : { kind: "bytes", value: value as Uint8Array, pos: t.pos };
      }
      case "op":
        if (t.text === "(") {
          if (this.#isOp(")")) {
            this.#next();
            return { kind: "tuple", items: [], pos: t.pos };
          }
          const first = this.expr();
          if (this.#isOp(")")) {
            this.#next();
            return first;
          }
          const items = [first];
          while (this.#isOp(",")) {
            this.#next();
            if (this.#isOp(")")) break;
            items.push(this.expr());
          }
          this.#expect(")");
          return { kind: "tuple", items, pos: t.pos };
        }
        if (t.text === "[") {
          const items: Expr[] = [];
          while (!this.#isOp("]")) {
            items.push(this.expr());
            if (!this.#isOp(",")) break;
            this.#next();
          }
          this.#expect("]");
          return { kind: "list", items, pos: t.pos };
        }
        throw new ExprSyntaxError(`Unexpected ${describe(t)}`, t.pos);
      default:
        throw new ExprSyntaxError(`Unexpected ${describe(t)}`, t.pos);
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
