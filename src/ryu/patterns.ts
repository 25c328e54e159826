/**
 * The loader of Ryu's switch-test pattern files: a JSON list whose first element is the
 * file's title and whose other elements are tests, each with a description, prerequisite
 * messages in Ryu's JSON form (read into this project's codec objects) and packet tests
 * (read into {@linkcode RyuPacket}s).
 *
 * @module
 */
import type {
  Of10FlowMod,
  Of10Match,
  Of13FlowMod,
  Of13GroupMod,
  Of13Match,
  Of13MeterMod,
} from "../ofp/mod.ts";
import { JsonCursor, parseJson } from "./_json.ts";
import { readMatch10, readPrerequisite10 } from "./_of10_json.ts";
import { readMatch13, readPrerequisite13 } from "./_of13_json.ts";
import { RyuPacket } from "./packet_expression.ts";
import { RYU_DEFAULT_PORTS, type RyuPorts } from "./ports.ts";

/** OpenFlow versions of Ryu's pattern directories: 1 (of10), 4 (of13), 5 (of14). */
export type RyuPatternVersion = 1 | 4 | 5;

/** A prerequisite: a FLOW_MOD (1.0, 1.3), GROUP_MOD or METER_MOD (1.3). */
export type RyuPrerequisite = Of10FlowMod | Of13FlowMod | Of13GroupMod | Of13MeterMod;

/** One throughput expectation: frames matching `match` at the tester, at this rate. */
export interface RyuThroughput {
  /** The match of the tester's counting flow (`in_port` is a tester port). */
  match: Of13Match | Of10Match;
  /** Expected rate in kbit/s (Ryu's kilobit is 1024 bits), when given. */
  kbps?: number;
  /** Expected rate in packets/s, when given. */
  pktps?: number;
}

/** One packet test of a pattern test. */
export type RyuPacketTest =
  | {
    /** The frame must leave the target's send port, exactly, and no other port. */
    kind: "egress";
    /** The frame sent into the target's receive port. */
    ingress: RyuPacket;
    /** The frame expected out of the send port. */
    egress: RyuPacket;
  }
  | {
    /** The frame must reach the controller as a packet-in. */
    kind: "packet-in";
    /** The frame sent into the target's receive port. */
    ingress: RyuPacket;
    /** The frame the packet-in must carry. */
    packetIn: RyuPacket;
  }
  | {
    /** The frame must miss in the listed tables (table stats). */
    kind: "table-miss";
    /** The frame sent into the target's receive port. */
    ingress: RyuPacket;
    /** Table ids. */
    tables: number[];
  }
  | {
    /** Frames sent at a rate; the rates out of the tester's ports are checked. */
    kind: "throughput";
    /** The frame (re-evaluated for each packet when it uses `randint`). */
    ingress: RyuPacket;
    /** Packets per second to send (Ryu's default 1000). */
    pktps: number;
    /** Seconds to send for (Ryu's default 30). */
    durationTime: number;
    /** The expected rates. */
    throughput: RyuThroughput[];
  };

/** One test of a pattern file. */
export interface RyuPatternTest {
  /** Its description (the line Ryu prints). */
  description: string;
  /** JSON path of the test in its file, e.g. `[3]`. */
  path: string;
  /** The messages installed first, in order. */
  prerequisite: RyuPrerequisite[];
  /** The packet tests. */
  tests: RyuPacketTest[];
}

/** A pattern file, read. */
export interface RyuPatternFile {
  /** The file as given. */
  file: string;
  /** Its title (the first element, e.g. `"action: 00_OUTPUT"`). */
  title: string;
  /** The OpenFlow version its messages are for. */
  version: RyuPatternVersion;
  /** The tests. */
  tests: RyuPatternTest[];
}

/** Options of {@linkcode readPatternFile} and {@linkcode parsePatternFile}. */
export interface RyuPatternOptions {
  /**
   * The OpenFlow version of the messages. Default: from the directory (`of10`, `of13`,
   * `of14` in the path), else 4.
   */
  version?: RyuPatternVersion;
  /** Port numbers for the port names a file may use. Default Ryu's. */
  ports?: Readonly<RyuPorts>;
}

/**
 * The version a path's directory implies: 1 for `of10`, 4 for `of13`, 5 for `of14`.
 *
 * @param file A pattern file path.
 * @returns The version, or undefined when no `ofNN` directory is in the path.
 *
 * @example
 * ```ts
 * import { patternVersionOf } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * assert.equal(patternVersionOf("../shared/ryu-switch-tests/of10/match/00_IN_PORT.json"), 1);
 * assert.equal(patternVersionOf("x.json"), undefined);
 * ```
 */
export function patternVersionOf(file: string): RyuPatternVersion | undefined {
  const parts = file.split(/[\\/]/);
  for (let i = parts.length - 1; i >= 0; i--) {
    if (parts[i] === "of10") return 1;
    if (parts[i] === "of13") return 4;
    if (parts[i] === "of14") return 5;
  }
  return undefined;
}

/**
 * Reads a pattern file from disk.
 *
 * @param file Path of the `.json` file.
 * @param options Version and port numbers.
 * @returns The file's title and tests.
 * @throws {RyuPatternError} If the file is not valid JSON in Ryu's format (naming the JSON path).
 * @throws {RyuExpressionError} If a packet expression has a syntax error (naming the column).
 * @throws {Deno.errors.NotFound} If the file does not exist.
 *
 * @example
 * ```ts ignore
 * import { readPatternFile } from "@oftest/oftest/ryu";
 *
 * const f = await readPatternFile("../shared/ryu-switch-tests/of13/action/00_OUTPUT.json");
 * console.log(f.title, f.tests.length);
 * ```
 */
export async function readPatternFile(
  file: string,
  options: RyuPatternOptions = {},
): Promise<RyuPatternFile> {
  return parsePatternFile(await Deno.readTextFile(file), file, options);
}

/**
 * Reads a pattern file from its text.
 *
 * @param text The JSON text.
 * @param file The name to report in errors (and to infer the version from).
 * @param options Version and port numbers.
 * @returns The file's title and tests.
 * @throws {RyuPatternError} If the text is not valid JSON in Ryu's format (naming the JSON path).
 * @throws {RyuExpressionError} If a packet expression has a syntax error (naming the column).
 *
 * @example
 * ```ts
 * import { parsePatternFile } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * const f = parsePatternFile(JSON.stringify([
 *   "action: example",
 *   {
 *     description: "in_port=1,actions=output:2",
 *     prerequisite: [{ OFPFlowMod: { instructions: [{ OFPInstructionActions: { type: 4, actions: [{ OFPActionOutput: { port: 2 } }] } }] } }],
 *     tests: [{ ingress: ["ethernet()"], egress: ["ethernet()"] }],
 *   },
 * ]), "example.json", { version: 4 });
 * assert.equal(f.title, "action: example");
 * assert.equal(f.tests[0].prerequisite[0].type, "FLOW_MOD");
 * assert.equal(f.tests[0].tests[0].kind, "egress");
 * ```
 */
export function parsePatternFile(
  text: string,
  file: string,
  options: RyuPatternOptions = {},
): RyuPatternFile {
  const version = options.version ?? patternVersionOf(file) ?? 4;
  const ports = options.ports ?? RYU_DEFAULT_PORTS;
  const root = new JsonCursor(file, "", parseJson(text, file));
  let title: string | undefined;
  const tests: RyuPatternTest[] = [];
  for (const item of root.array()) {
    if (typeof item.value === "string") {
      // Ryu keeps the last title string of a file.
      title = item.value;
      continue;
    }
    tests.push(readTest(item, version, ports));
  }
  if (title === undefined) return root.fail("Expected a title string in the list, got none");
  return { file, title, version, tests };
}

function readTest(
  c: JsonCursor,
  version: RyuPatternVersion,
  ports: Readonly<RyuPorts>,
): RyuPatternTest {
  c.object(["description", "prerequisite", "tests", "notes"]);
  const description = c.at("description").present ? c.at("description").string() : "";
  if (c.at("notes").present) c.at("notes").string();
  if (!c.at("prerequisite").present) c.fail('Expected a "prerequisite" block, got none');
  if (!c.at("tests").present) c.fail('Expected a "tests" block, got none');
  const prerequisite = c.at("prerequisite").array().map((m) =>
    version === 1
      ? readPrerequisite10(m, ports)
      : readPrerequisite13(m, { ports, of14: version === 5 })
  );
  const where = (path: string) => ({ file: c.file, test: description, path });
  const packet = (p: JsonCursor): RyuPacket => {
    const list = p.array().map((e) => e.string());
    return RyuPacket.parse(list, where(p.path));
  };
  const tests = c.at("tests").array().map((t): RyuPacketTest => {
    const o = t.object(["ingress", "egress", "PACKET_IN", "table-miss"]);
    const keys = Object.keys(o);
    if (keys.length !== 2 || !("ingress" in o)) {
      t.fail('Expected "ingress" and one of "egress", "PACKET_IN" or "table-miss"');
    }
    const ingress = t.at("ingress");
    if (Array.isArray(ingress.value)) {
      const ing = packet(ingress);
      if ("egress" in o) {
        return { kind: "egress", ingress: ing, egress: packet(t.at("egress")) };
      }
      if ("PACKET_IN" in o) {
        return { kind: "packet-in", ingress: ing, packetIn: packet(t.at("PACKET_IN")) };
      }
      return {
        kind: "table-miss",
        ingress: ing,
        tables: t.at("table-miss").array().map((x) => x.int(0, 0xff)),
      };
    }
    // Throughput: {"packets": {data, pktps?, duration_time?}} and {"throughput": [...]}.
    ingress.object(["packets"]);
    const packets = ingress.at("packets");
    packets.object(["data", "pktps", "kbps", "duration_time"]);
    if (packets.at("kbps").present) {
      packets.at("kbps").fail('Ryu sends at "pktps" only; "kbps" is for the throughput entries');
    }
    if (!("egress" in o)) t.fail('Expected "egress" with "throughput" for a "packets" ingress');
    const egress = t.at("egress");
    egress.object(["throughput"]);
    const throughput = egress.at("throughput").array().map((e): RyuThroughput => {
      e.object(["OFPMatch", "kbps", "pktps"]);
      const match = version === 1
        ? readMatch10(new JsonCursor(e.file, e.path, { OFPMatch: e.at("OFPMatch").value }), ports)
        : readMatch13(new JsonCursor(e.file, e.path, { OFPMatch: e.at("OFPMatch").value }), {
          ports,
          of14: version === 5,
        });
      const kbps = e.at("kbps").present ? e.at("kbps").int(0, 2 ** 40) : undefined;
      const pktps = e.at("pktps").present ? e.at("pktps").int(0, 2 ** 40) : undefined;
      if (!kbps === !pktps) e.fail('Expected either "kbps" or "pktps" (one, not zero)');
      return { match, kbps, pktps };
    });
    return {
      kind: "throughput",
      ingress: packet(packets.at("data")),
      pktps: packets.at("pktps").optInt(1000, 1, 10_000_000),
      durationTime: packets.at("duration_time").optInt(30, 1, 86_400),
      throughput,
    };
  });
  return { description, path: c.path, prerequisite, tests };
}
