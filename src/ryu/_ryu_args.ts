// The arguments of one Ryu class instance, read with the constructor's defaults and
// checked: ints in range, MAC/IPv4/IPv6 text, bytes, sub-objects of the expected classes.
import { parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { ExprSyntaxError } from "./_expr_lexer.ts";
import { type ProtoValue, typeName, type Value } from "./_expr_eval.ts";
import { type Default, RYU_CLASSES } from "./_ryu_classes.ts";

/** An argument's value (given or default) and where it was written. */
export type Arg = { value: Value | Default; pos: number };

/** Reads the arguments of one instance, with Ryu's defaults. */
export class Args {
  constructor(readonly p: ProtoValue) {}

  get(name: string): Arg {
    const a = this.p.args.get(name);
    if (a) return a;
    const d = RYU_CLASSES[this.p.cls].defaults[name];
    return { value: d, pos: this.p.pos };
  }

  int(name: string, max: number, min = 0): number {
    const { value, pos } = this.get(name);
    if (typeof value !== "bigint" || value < BigInt(min) || value > BigInt(max)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an int from ${min} to ${max}, got ${
          show(value)
        }`,
        pos,
      );
    }
    return Number(value);
  }

  mac(name: string): string {
    const { value, pos } = this.get(name);
    const text = typeof value === "string" ? value.toLowerCase().replaceAll("-", ":") : "";
    if (!parseMac(text, new Uint8Array(6), 0)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be a MAC address like 'aa:bb:cc:dd:ee:ff', got ${
          show(value)
        }`,
        pos,
      );
    }
    return text;
  }

  ipv4(name: string): string {
    const { value, pos } = this.get(name);
    if (typeof value !== "string" || parseIpv4(value) < 0) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an IPv4 address like '10.0.0.1', got ${
          show(value)
        }`,
        pos,
      );
    }
    return value;
  }

  ipv6(name: string): string {
    const { value, pos } = this.get(name);
    if (typeof value !== "string" || !parseIpv6(value, new Uint8Array(16), 0)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an IPv6 address like '2001:db8::1', got ${
          show(value)
        }`,
        pos,
      );
    }
    return value;
  }

  /** Bytes, or undefined for None. */
  bytes(name: string): Uint8Array | undefined {
    const { value, pos } = this.get(name);
    if (value === null) return undefined;
    if (!(value instanceof Uint8Array)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be bytes, got ${show(value)}`,
        pos,
      );
    }
    return value;
  }

  /** A sub-object of one of `classes`, raw bytes, or None. */
  part(name: string, classes: readonly string[]): ProtoValue | Uint8Array | undefined {
    const { value, pos } = this.get(name);
    if (value === null) return undefined;
    if (value instanceof Uint8Array) return value;
    if (isProto(value) && classes.includes(value.cls)) return value;
    throw new ExprSyntaxError(
      `Expected ${this.p.cls}(${name}=...) to be ${classes.join(" or ")} or bytes, got ${
        show(value)
      }`,
      pos,
    );
  }

  /** A list of sub-objects of `classes` (None → empty). */
  list(name: string, classes: readonly string[]): ProtoValue[] {
    const { value, pos } = this.get(name);
    if (value === null) return [];
    if (!Array.isArray(value) || !value.every((v) => isProto(v) && classes.includes(v.cls))) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be a list of ${classes.join(" or ")}, got ${
          show(value as Value)
        }`,
        pos,
      );
    }
    return value as ProtoValue[];
  }
}

export function isProto(v: unknown): v is ProtoValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) &&
    (v as ProtoValue).kind === "proto";
}

export function show(v: Value | Default): string {
  if (v === null) return "None";
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "bigint") return String(v);
  return typeName(v as Value);
}

/** Big-endian bytes of a 16-bit value. */
export function u16(n: number): number[] {
  return [n >>> 8, n & 255];
}
/** Big-endian bytes of a 32-bit value. */
export function u32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
