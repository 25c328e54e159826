// Evaluates a parsed packet expression to values: Python integers (bigint), str, bytes,
// lists, Ryu packet-class instances (arguments bound to the constructor's parameters) and
// packets (`a/b/c`). The only callables are the packet classes and bytes, bytearray,
// randint, netaddr.EUI and netaddr.IPAddress.
import { ExprSyntaxError } from "./_expr_lexer.ts";
import type { Expr } from "./_expr_parser.ts";
import { RYU_CLASSES } from "./_ryu_classes.ts";

/** An instance of a Ryu packet-library class, its arguments bound by name. */
export interface ProtoValue {
  kind: "proto";
  /** Class name as written (`ethernet`, `icmpv6echo`, ...). */
  cls: string;
  /** Bound arguments: name → value and the offset of the argument. */
  args: Map<string, { value: Value; pos: number }>;
  /** Offset of the call. */
  pos: number;
}

/** `a/b/c`: the protocols and byte strings of one packet, outermost first. */
export interface PacketValue {
  kind: "packet";
  items: { value: ProtoValue | Uint8Array; pos: number }[];
}

interface FnValue {
  kind: "fn";
  name: string;
}
interface ModuleValue {
  kind: "module";
  name: string;
}
interface TupleValue {
  kind: "tuple";
  items: Value[];
}

/** A value of the expression language. */
export type Value =
  | bigint
  | string
  | Uint8Array
  | Value[]
  | TupleValue
  | ProtoValue
  | PacketValue
  | FnValue
  | ModuleValue;

/** Options of the evaluator. */
export interface EvalOptions {
  /** A uniform random integer in [lo, hi] for `randint`. */
  randint: (lo: bigint, hi: bigint) => bigint;
}

/** Names a value's type, Python-style, for messages. */
export function typeName(v: Value): string {
  if (typeof v === "bigint") return "int";
  if (typeof v === "string") return "str";
  if (v instanceof Uint8Array) return "bytes";
  if (Array.isArray(v)) return "list";
  switch (v.kind) {
    case "proto":
      return v.cls;
    case "packet":
      return "packet";
    case "fn":
      return "function";
    case "module":
      return "module";
    default:
      return "tuple";
  }
}

const MAX_BYTES = 1 << 20;

/** Evaluates `e`. */
export function evaluate(e: Expr, options: EvalOptions): Value {
  return new Evaluator(options).eval(e);
}

class Evaluator {
  constructor(readonly options: EvalOptions) {}

  eval(e: Expr): Value {
    switch (e.kind) {
      case "int":
      case "str":
      case "bytes":
        return e.value;
      case "name":
        if (e.name === "netaddr") return { kind: "module", name: "netaddr" };
        if (
          ["bytes", "bytearray", "randint"].includes(e.name) || Object.hasOwn(RYU_CLASSES, e.name)
        ) {
          return { kind: "fn", name: e.name };
        }
        throw new ExprSyntaxError(`Unknown name "${e.name}"`, e.pos);
      case "attr": {
        const obj = this.eval(e.object);
        if (
          typeof obj === "object" && !Array.isArray(obj) && !(obj instanceof Uint8Array) &&
          obj.kind === "module" && (e.name === "EUI" || e.name === "IPAddress")
        ) {
          return { kind: "fn", name: `netaddr.${e.name}` };
        }
        throw new ExprSyntaxError(`Unknown attribute "${e.name}" of ${typeName(obj)}`, e.pos);
      }
      case "list":
        return e.items.map((i) => this.eval(i));
      case "tuple":
        return { kind: "tuple", items: e.items.map((i) => this.eval(i)) };
      case "unary": {
        const v = this.#int(e.operand);
        return e.op === "-" ? -v : e.op === "~" ? ~v : v;
      }
      case "binary":
        return this.#binary(e);
      case "call":
        return this.#call(e);
    }
  }

  #int(e: Expr): bigint {
    const v = this.eval(e);
    if (typeof v !== "bigint") {
      throw new ExprSyntaxError(`Expected an int, got ${typeName(v)}`, e.pos);
    }
    return v;
  }

  #binary(e: Expr & { kind: "binary" }): Value {
    const a = this.eval(e.left), b = this.eval(e.right);
    if (typeof a === "bigint" && typeof b === "bigint") {
      switch (e.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "&":
          return a & b;
        case "|":
          return a | b;
        case "^":
          return a ^ b;
        case "<<":
          if (b < 0n || b > 4096n) {
            throw new ExprSyntaxError(`Shift count ${b} out of range`, e.right.pos);
          }
          return a << b;
        case ">>":
          if (b < 0n) throw new ExprSyntaxError(`Negative shift count ${b}`, e.right.pos);
          return a >> b;
        case "**":
          if (b < 0n || b > 4096n) {
            throw new ExprSyntaxError(`Expected an exponent from 0 to 4096, got ${b}`, e.right.pos);
          }
          return a ** b;
        case "//":
        case "%": {
          if (b === 0n) throw new ExprSyntaxError("Integer division by zero", e.right.pos);
          // Python floors toward negative infinity.
          let q = a / b;
          if ((a % b !== 0n) && ((a < 0n) !== (b < 0n))) q -= 1n;
          return e.op === "//" ? q : a - q * b;
        }
        case "/":
          throw new ExprSyntaxError(
            'Expected packet layers around "/", got two ints (true division gives a float)',
            e.pos,
          );
      }
    }
    if (
      e.op === "*" && (a instanceof Uint8Array || typeof a === "string") && typeof b === "bigint"
    ) {
      return repeat(a, b, e.pos);
    }
    if (
      e.op === "*" && typeof a === "bigint" && (b instanceof Uint8Array || typeof b === "string")
    ) {
      return repeat(b, a, e.pos);
    }
    if (e.op === "+" && a instanceof Uint8Array && b instanceof Uint8Array) {
      const out = new Uint8Array(a.length + b.length);
      out.set(a);
      out.set(b, a.length);
      return out;
    }
    if (e.op === "+" && typeof a === "string" && typeof b === "string") return a + b;
    if (e.op === "/" && isLayer(a) && isLayer(b)) {
      return { kind: "packet", items: [...items(a, e.left.pos), ...items(b, e.right.pos)] };
    }
    throw new ExprSyntaxError(
      `Unsupported operand types for ${e.op}: ${typeName(a)} and ${typeName(b)}`,
      e.pos,
    );
  }

  #call(e: Expr & { kind: "call" }): Value {
    const fn = this.eval(e.callee);
    if (
      typeof fn !== "object" || Array.isArray(fn) || fn instanceof Uint8Array || fn.kind !== "fn"
    ) {
      throw new ExprSyntaxError(`${typeName(fn)} is not callable`, e.pos);
    }
    const args = e.args.map((a) => ({ value: this.eval(a), pos: a.pos }));
    const kwargs = e.kwargs.map((k) => ({
      name: k.name,
      value: this.eval(k.value),
      pos: k.value.pos,
      namePos: k.pos,
    }));
    const noKw = () => {
      if (kwargs.length) {
        throw new ExprSyntaxError(`${fn.name}() takes no keyword arguments`, kwargs[0].pos);
      }
    };
    const nArgs = (lo: number, hi: number) => {
      if (args.length < lo || args.length > hi) {
        throw new ExprSyntaxError(
          `${fn.name}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument(s), got ${args.length}`,
          e.pos,
        );
      }
    };
    switch (fn.name) {
      case "bytes":
      case "bytearray": {
        noKw();
        nArgs(0, 1);
        if (args.length === 0) return new Uint8Array(0);
        const v = args[0].value;
        if (v instanceof Uint8Array) return v.slice();
        if (typeof v === "bigint") {
          if (v < 0n || v > BigInt(MAX_BYTES)) {
            throw new ExprSyntaxError(
              `Expected a length from 0 to ${MAX_BYTES}, got ${v}`,
              args[0].pos,
            );
          }
          return new Uint8Array(Number(v));
        }
        if (Array.isArray(v)) {
          return Uint8Array.from(v, (x) => {
            if (typeof x !== "bigint" || x < 0n || x > 255n) {
              throw new ExprSyntaxError("Expected a list of ints from 0 to 255", args[0].pos);
            }
            return Number(x);
          });
        }
        throw new ExprSyntaxError(`Cannot make bytes from ${typeName(v)}`, args[0].pos);
      }
      case "randint": {
        noKw();
        nArgs(2, 2);
        const [lo, hi] = args.map((a) => {
          if (typeof a.value !== "bigint") {
            throw new ExprSyntaxError(`Expected an int, got ${typeName(a.value)}`, a.pos);
          }
          return a.value;
        });
        if (lo > hi) throw new ExprSyntaxError(`Empty range for randint(${lo}, ${hi})`, e.pos);
        return this.options.randint(lo, hi);
      }
      case "netaddr.EUI": {
        noKw();
        nArgs(1, 1);
        const v = args[0].value;
        if (typeof v !== "bigint" || v < 0n || v >= 1n << 48n) {
          throw new ExprSyntaxError("Expected a 48-bit int for netaddr.EUI", args[0].pos);
        }
        return v.toString(16).padStart(12, "0").replace(/(..)(?!$)/g, "$1:");
      }
      case "netaddr.IPAddress": {
        noKw();
        nArgs(1, 1);
        const v = args[0].value;
        if (typeof v !== "bigint" || v < 0n || v >= 1n << 128n) {
          throw new ExprSyntaxError(
            "Expected an int from 0 to 2**128-1 for netaddr.IPAddress",
            args[0].pos,
          );
        }
        if (v < 1n << 32n) return [24n, 16n, 8n, 0n].map((s) => (v >> s) & 255n).join(".");
        const hex = v.toString(16).padStart(32, "0");
        return hex.replace(/(....)(?!$)/g, "$1:");
      }
      default:
        return bindClass(fn.name, args, kwargs, e.pos);
    }
  }
}

function isLayer(v: Value): v is ProtoValue | PacketValue | Uint8Array {
  return v instanceof Uint8Array ||
    (typeof v === "object" && !Array.isArray(v) && (v.kind === "proto" || v.kind === "packet"));
}

function items(v: ProtoValue | PacketValue | Uint8Array, pos: number): PacketValue["items"] {
  if (v instanceof Uint8Array || v.kind === "proto") return [{ value: v, pos }];
  return v.items;
}

function repeat<T extends Uint8Array | string>(v: T, n: bigint, pos: number): T {
  const count = n < 0n ? 0 : Number(n);
  if (count * v.length > MAX_BYTES) {
    throw new ExprSyntaxError(`Repetition makes more than ${MAX_BYTES} items`, pos);
  }
  if (typeof v === "string") return v.repeat(count) as T;
  const out = new Uint8Array(v.length * count);
  for (let i = 0; i < count; i++) out.set(v, i * v.length);
  return out as T;
}

/** Binds a Ryu class call's arguments to the constructor's parameter names. */
function bindClass(
  cls: string,
  args: { value: Value; pos: number }[],
  kwargs: { name: string; value: Value; pos: number; namePos: number }[],
  pos: number,
): ProtoValue {
  const params = RYU_CLASSES[cls].params;
  if (args.length > params.length) {
    throw new ExprSyntaxError(
      `${cls}() takes at most ${params.length} argument(s), got ${args.length}`,
      args[params.length].pos,
    );
  }
  const bound = new Map<string, { value: Value; pos: number }>();
  args.forEach((a, i) => bound.set(params[i], a));
  for (const k of kwargs) {
    if (!params.includes(k.name)) {
      throw new ExprSyntaxError(
        `${cls}() has no argument "${k.name}"; expected one of ${params.join(", ")}`,
        k.namePos,
      );
    }
    if (bound.has(k.name)) {
      throw new ExprSyntaxError(`${cls}() got argument "${k.name}" twice`, k.namePos);
    }
    bound.set(k.name, { value: k.value, pos: k.pos });
  }
  for (const required of RYU_CLASSES[cls].required ?? []) {
    if (!bound.has(required)) {
      throw new ExprSyntaxError(`${cls}() needs the argument "${required}"`, pos);
    }
  }
  return { kind: "proto", cls, args: bound, pos };
}
