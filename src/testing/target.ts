/**
 * Which switch a test run talks to, and how its data ports are reached: the target.
 *
 * From code, pass a {@linkcode TargetSpec}; from the command line or the environment (how
 * `deno test` and the suite runner select it), a {@linkcode parseTarget} string in
 * `OFTEST_TARGET` plus, for a switch of your own, a port map file in `OFTEST_PORT_MAP`.
 *
 * @module
 */
import type { Address, TlsOptions } from "../controller/mod.ts";

/** A tester switch wired to the switch under test (see `TesterLink`). */
export interface TesterSpec {
  /** The tester's datapath id, when it dials the same listening controller. */
  datapathId?: bigint;
  /** The tester's address, when it listens and the controller dials it. */
  connect?: Address;
  /** `[targetPort, testerPort]` pairs: which tester port is wired to which target port. */
  wiring: [number, number][];
}

/** How the data ports of a switch of your own are reached, read from a port map file. */
export interface PortMap {
  /** The switch under test's data ports (OpenFlow port numbers) that tests may use. */
  ports: number[];
  /** The tester switch wired to them. */
  tester: TesterSpec;
  /** Milliseconds to wait after flow changes before frames are sent. Default 0. */
  settleMs?: number;
}

/** A local Open vSwitch, started and stopped by the run (dummy datapath, no root). */
export interface OvsTargetSpec {
  /** Discriminant. */
  kind: "ovs";
  /** Data ports. Default 4. */
  ports?: number;
  /**
   * How the data plane reaches the ports: `"ports"` (default) through the dummy ports'
   * sockets; `"tester"` through a second Open vSwitch cabled to its ports and driven over
   * OpenFlow, as a hardware switch would be tested.
   */
  dataPlane?: "ports" | "tester";
}

/** The embedded reference switch, run in-process. */
export interface EmbeddedTargetSpec {
  /** Discriminant. */
  kind: "embedded";
  /** Data ports. Default 4. */
  ports?: number;
}

/** A switch that dials the run's controller. */
export interface ListenTargetSpec {
  /** Discriminant. */
  kind: "listen";
  /** Where to listen. Default hostname `0.0.0.0`. */
  listen: Partial<Address> & { port: number };
  /** The switch under test's datapath id; default: the first switch that is not the tester. */
  datapathId?: bigint;
  /** TLS material (mutual authentication). */
  tls?: TlsOptions;
  /** Its data ports and tester. */
  portMap: PortMap;
}

/** A switch that listens, dialed by the run's controller. */
export interface ConnectTargetSpec {
  /** Discriminant. */
  kind: "connect";
  /** The switch's address. */
  connect: Address;
  /** TLS material (mutual authentication). */
  tls?: TlsOptions;
  /** Its data ports and tester. */
  portMap: PortMap;
}

/** Where the switch under test is. */
export type TargetSpec = OvsTargetSpec | EmbeddedTargetSpec | ListenTargetSpec | ConnectTargetSpec;

/** The kinds of target. */
export type TargetKind = TargetSpec["kind"];

/** A reason (why a test is skipped or expected to fail): for every target, or per kind. */
export type TargetReason = string | Partial<Record<TargetKind, string>>;

/**
 * Parses a target string: `ovs`, `ovs+tester`, `embedded`, `listen:PORT` or
 * `listen:HOST:PORT`, `connect:HOST:PORT`. The last two need a port map.
 *
 * @param text The target string.
 * @param portMap The port map, required for `listen` and `connect`.
 * @param tls TLS material for `listen` and `connect`.
 * @returns The target.
 * @throws {TypeError} If the string is not one of those forms, or a port map is missing.
 *
 * @example
 * ```ts
 * import { parseTarget } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(parseTarget("ovs+tester"), { kind: "ovs", dataPlane: "tester" });
 * ```
 */
export function parseTarget(text: string, portMap?: PortMap, tls?: TlsOptions): TargetSpec {
  if (text === "ovs") return { kind: "ovs" };
  if (text === "ovs+tester") return { kind: "ovs", dataPlane: "tester" };
  if (text === "embedded") return { kind: "embedded" };
  const m = /^(listen|connect):(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text);
  if (!m || (m[1] === "connect" && !m[2]) || Number(m[3]) > 65535) {
    throw new TypeError(
      `Expected a target like ovs, ovs+tester, embedded, listen:6653 or connect:HOST:6653, got "${text}"`,
    );
  }
  if (!portMap) {
    throw new TypeError(
      `Target ${text} needs a port map (its data ports and the tester switch wired to them)`,
    );
  }
  const hostname = m[2]?.replace(/^\[|\]$/g, "");
  const port = Number(m[3]);
  return m[1] === "listen"
    ? { kind: "listen", listen: { hostname: hostname ?? "0.0.0.0", port }, tls, portMap }
    : { kind: "connect", connect: { hostname: hostname!, port }, tls, portMap };
}

/**
 * Reads a port map from its JSON text:
 * `{ "ports": [1, 2, 3], "tester": { "datapathId": "0x2", "wiring": [[1, 1], [2, 2], [3, 3]] }, "settleMs": 0 }`
 * (`datapathId` as a hex or decimal string, or `"connect": { "hostname", "port" }`).
 *
 * @param text The file's text.
 * @param source Where it came from, for error messages.
 * @returns The port map.
 * @throws {TypeError} If a field is missing or of the wrong type (the message names it).
 *
 * @example
 * ```ts
 * import { parsePortMap } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const map = parsePortMap('{"ports":[1,2],"tester":{"datapathId":"0x2","wiring":[[1,5],[2,6]]}}');
 * assert.equal(map.tester.datapathId, 2n);
 * ```
 */
export function parsePortMap(text: string, source = "port map"): PortMap {
  const fail = (what: string): never => {
    throw new TypeError(`Invalid ${source}: ${what}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : e})`);
  }
  const obj = raw as Record<string, unknown>;
  const isPort = (v: unknown) =>
    Number.isInteger(v) && (v as number) > 0 && (v as number) < 2 ** 32;
  if (!Array.isArray(obj?.ports) || !obj.ports.every(isPort)) {
    fail(`"ports" must be a list of port numbers`);
  }
  const tester = obj.tester as Record<string, unknown> | undefined;
  if (typeof tester !== "object" || tester === null) fail(`"tester" must be an object`);
  const wiring = tester!.wiring;
  if (
    !Array.isArray(wiring) ||
    !wiring.every((w) => Array.isArray(w) && w.length === 2 && isPort(w[0]) && isPort(w[1]))
  ) {
    fail(`"tester.wiring" must be a list of [targetPort, testerPort] pairs`);
  }
  const out: PortMap = {
    ports: obj.ports as number[],
    tester: { wiring: wiring as [number, number][] },
  };
  if (tester!.datapathId !== undefined) {
    const id = tester!.datapathId;
    if (typeof id !== "string" || !/^(0x[0-9a-f]{1,16}|\d{1,20})$/i.test(id)) {
      fail(`"tester.datapathId" must be a hex ("0x2") or decimal string`);
    }
    out.tester.datapathId = BigInt(id as string);
  }
  if (tester!.connect !== undefined) {
    const c = tester!.connect as Record<string, unknown>;
    if (typeof c?.hostname !== "string" || !isPort(c.port) || (c.port as number) > 65535) {
      fail(`"tester.connect" must be { "hostname": string, "port": number }`);
    }
    out.tester.connect = { hostname: c.hostname as string, port: c.port as number };
  }
  if (out.tester.datapathId === undefined && out.tester.connect === undefined) {
    fail(`"tester" needs a "datapathId" (it dials us) or a "connect" address (we dial it)`);
  }
  if (obj.settleMs !== undefined) {
    if (!Number.isInteger(obj.settleMs) || (obj.settleMs as number) < 0) {
      fail(`"settleMs" must be a whole number of milliseconds`);
    }
    out.settleMs = obj.settleMs as number;
  }
  return out;
}
