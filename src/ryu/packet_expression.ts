/**
 * Ryu's packet expressions (`ethernet(dst='22:22:22:22:22:22', ethertype=2048)`, `ipv4(...)`,
 * `b'\x01\x02'`, `bytes(b'\x00' * 4)`, ...) read by a small parser — never evaluated as code —
 * into the packet library's layers, with the Ryu packet library's defaults made explicit
 * for every field the expression leaves out, so that `build` makes the frame Ryu would.
 *
 * @module
 */
import { build } from "../packet/mod.ts";
import type { Layer } from "../packet/mod.ts";
import { ExprSyntaxError } from "./_expr_lexer.ts";
import { type Expr, parseExpr } from "./_expr_parser.ts";
import { evaluate, type PacketValue, type ProtoValue, typeName } from "./_expr_eval.ts";
import { convertPacket, LayerError } from "./_ryu_layers.ts";
import { fixChecksums, fixPadding } from "./_ryu_fixups.ts";
import { RyuExpressionError } from "./errors.ts";

/** Where an expression came from, for error messages. */
export interface RyuPacketSource {
  /** The pattern file. */
  file?: string;
  /** The test's description. */
  test?: string;
  /** JSON path of the list of expressions, e.g. `[2].tests[0].egress`. */
  path?: string;
}

/** Options of {@linkcode RyuPacket.layers} and {@linkcode RyuPacket.frame}. */
export interface RyuPacketBuildOptions {
  /**
   * A uniform random integer in [lo, hi] for `randint(lo, hi)`. Default: from
   * `crypto.getRandomValues`.
   */
  randint?: (lo: bigint, hi: bigint) => bigint;
}

/** Uniform random integer in [lo, hi] from crypto.getRandomValues. */
function cryptoRandint(lo: bigint, hi: bigint): bigint {
  const span = hi - lo + 1n;
  const bytes = Math.ceil(span.toString(16).length / 2) + 8;
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let n = 0n;
  for (const b of buf) n = (n << 8n) | BigInt(b);
  return lo + (n % span); // 64 extra bits make the modulo bias negligible
}

function usesRandint(e: Expr): boolean {
  switch (e.kind) {
    case "name":
      return e.name === "randint";
    case "attr":
      return usesRandint(e.object);
    case "call":
      return usesRandint(e.callee) || e.args.some(usesRandint) ||
        e.kwargs.some((k) => usesRandint(k.value));
    case "list":
    case "tuple":
      return e.items.some(usesRandint);
    case "unary":
      return usesRandint(e.operand);
    case "binary":
      return usesRandint(e.left) || usesRandint(e.right);
    default:
      return false;
  }
}

/**
 * One packet as a pattern file writes it: a list of expressions, joined by Ryu with `/`.
 * Parsing checks the syntax; {@linkcode RyuPacket.layers} evaluates (again for each call
 * when the packet uses `randint`, as Ryu's throughput tests do).
 *
 * @example
 * ```ts
 * import { RyuPacket } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const p = RyuPacket.parse([
 *   "ethernet(dst='22:22:22:22:22:22', src='12:11:11:11:11:11', ethertype=2048)",
 *   "ipv4(tos=32, proto=6, src='192.168.10.10', dst='192.168.20.20', ttl=64)",
 *   "tcp(dst_port=2222, option=bytes(b'\\x00' * 4), src_port=11111)",
 * ]);
 * const [eth, ip, tcp] = p.layers();
 * assert.equal(eth.type === "ethernet" && eth.ethertype, 0x0800);
 * assert.equal(ip.type === "ipv4" && ip.dscp, 8);
 * assert.equal(tcp.type === "tcp" && tcp.window, 0); // Ryu's default window_size
 * assert.equal(p.frame().length, 14 + 20 + 24 + 2); // padded to 60 bytes
 * ```
 */
export class RyuPacket {
  /** The expressions as written. */
  readonly sources: readonly string[];
  /** Whether the packet calls `randint` (each frame then differs, as in Ryu). */
  readonly randomized: boolean;
  readonly #trees: Expr[];
  readonly #where: RyuPacketSource;

  private constructor(sources: readonly string[], trees: Expr[], where: RyuPacketSource) {
    this.sources = sources;
    this.#trees = trees;
    this.#where = where;
    this.randomized = trees.some(usesRandint);
  }

  /**
   * Parses the expressions of one packet.
   *
   * @param sources The list of expressions (each may itself join layers with `/`).
   * @param where File, test and JSON path, for error messages.
   * @returns The parsed packet.
   * @throws {RyuExpressionError} On a syntax error, naming the file, test and column.
   */
  static parse(sources: readonly string[], where: RyuPacketSource = {}): RyuPacket {
    if (!Array.isArray(sources) || sources.some((s) => typeof s !== "string")) {
      throw new TypeError(`Expected a list of packet expression strings, got ${typeof sources}`);
    }
    const trees = sources.map((src, i) => {
      try {
        return parseExpr(src);
      } catch (e) {
        throw locate(e, sources, i, where);
      }
    });
    return new RyuPacket(sources, trees, where);
  }

  /**
   * Evaluates the packet into layers with every field explicit (Ryu's defaults, lengths
   * left to `build` where Ryu computes them, checksums as Ryu computes them, the Ethernet
   * padding Ryu appends).
   *
   * @param options The random source for `randint`.
   * @returns The layers, outermost first.
   * @throws {RyuExpressionError} On an unknown class or argument, or a value out of range.
   */
  layers(options: RyuPacketBuildOptions = {}): Layer[] {
    return this.#make(options).layers;
  }

  /**
   * Builds the frame Ryu would send.
   *
   * @param options The random source for `randint`.
   * @returns The Ethernet frame (without FCS).
   * @throws {RyuExpressionError} As {@linkcode RyuPacket.layers}.
   */
  frame(options: RyuPacketBuildOptions = {}): Uint8Array {
    return this.#make(options).frame;
  }

  #make(options: RyuPacketBuildOptions): { layers: Layer[]; frame: Uint8Array } {
    const randint = options.randint ?? cryptoRandint;
    const items: PacketValue["items"] = [];
    const itemSource: number[] = [];
    this.#trees.forEach((tree, i) => {
      let v;
      try {
        v = evaluate(tree, { randint });
      } catch (e) {
        throw locate(e, this.sources, i, this.#where);
      }
      const parts = v instanceof Uint8Array
        ? [{ value: v, pos: tree.pos }]
        : typeof v === "object" && !Array.isArray(v) && (v.kind === "proto" || v.kind === "packet")
        ? (v.kind === "proto" ? [{ value: v as ProtoValue, pos: tree.pos }] : v.items)
        : undefined;
      if (!parts) {
        throw locate(
          new ExprSyntaxError(`Expected a packet class or bytes, got ${typeName(v)}`, tree.pos),
          this.sources,
          i,
          this.#where,
        );
      }
      for (const p of parts) {
        items.push(p);
        itemSource.push(i);
      }
    });
    let converted;
    try {
      converted = convertPacket(items);
    } catch (e) {
      if (e instanceof LayerError) throw locate(e, this.sources, itemSource[e.item], this.#where);
      throw e;
    }
    const { layers, checksums } = converted;
    const unpadded = build(layers);
    fixChecksums(layers, checksums, unpadded);
    const pad = fixPadding(layers, unpadded.length);
    const frame = build(layers);
    if (frame.length !== unpadded.length + pad) {
      throw new RangeError(
        `Expected a ${unpadded.length + pad}-byte frame after padding, got ${frame.length}`,
      );
    }
    return { layers, frame };
  }
}

/** Turns a syntax or evaluation error into a RyuExpressionError at its column. */
function locate(
  e: unknown,
  sources: readonly string[],
  index: number,
  where: RyuPacketSource,
): unknown {
  if (!(e instanceof ExprSyntaxError)) return e;
  return new RyuExpressionError(e.message, {
    source: sources[index],
    column: e.pos + 1,
    file: where.file,
    test: where.test,
    path: where.path === undefined ? `[${index}]` : `${where.path}[${index}]`,
    cause: e,
  });
}
