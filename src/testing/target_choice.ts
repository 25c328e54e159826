/**
 * Which target a run uses when the test does not say: an explicit target wins, then the
 * environment (`OFTEST_TARGET`), then a local Open vSwitch if it is installed, then the
 * embedded reference switch.
 *
 * @module
 */
import { OvsSwitch } from "./ovs.ts";
import { parsePortMap, parseTarget, type TargetSpec } from "./target.ts";
import type { TlsOptions } from "../controller/mod.ts";

/** A chosen target and why it was chosen (one line, for the run's output). */
export interface TargetChoice {
  /** The target. */
  target: TargetSpec;
  /** Why, e.g. "Open vSwitch is installed". */
  reason: string;
}

/**
 * Reads a target from the environment: `OFTEST_TARGET` (see `parseTarget`), with
 * `OFTEST_PORT_MAP` (a port map file) and `OFTEST_TLS_CERT`, `OFTEST_TLS_KEY`,
 * `OFTEST_TLS_CA` (PEM files) for a switch of your own.
 *
 * @returns The target, or undefined when `OFTEST_TARGET` is not set.
 * @throws {TypeError} If a variable is malformed or a file cannot be read (the message says which).
 */
export function targetFromEnvironment(): TargetSpec | undefined {
  const text = Deno.env.get("OFTEST_TARGET");
  if (!text) return undefined;
  const read = (variable: string): string | undefined => {
    const path = Deno.env.get(variable);
    if (!path) return undefined;
    try {
      return Deno.readTextFileSync(path);
    } catch (e) {
      throw new TypeError(`Cannot read ${variable}=${path}: ${e instanceof Error ? e.message : e}`);
    }
  };
  const mapText = read("OFTEST_PORT_MAP");
  const portMap = mapText === undefined ? undefined : parsePortMap(mapText, "OFTEST_PORT_MAP");
  const cert = read("OFTEST_TLS_CERT"), key = read("OFTEST_TLS_KEY"), ca = read("OFTEST_TLS_CA");
  let tls: TlsOptions | undefined;
  if (cert || key || ca) {
    if (!cert || !key || !ca) {
      throw new TypeError("TLS needs all of OFTEST_TLS_CERT, OFTEST_TLS_KEY and OFTEST_TLS_CA");
    }
    tls = { cert, key, ca, verifyHostname: false };
  }
  return parseTarget(text, portMap, tls);
}

/**
 * Chooses the target of a run.
 *
 * @param explicit A target given by the caller (e.g. a command-line flag); it wins.
 * @returns The target and the reason.
 * @throws {TypeError} If `OFTEST_TARGET` or its files are malformed.
 *
 * @example
 * ```ts
 * import { chooseTarget } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const { target, reason } = chooseTarget({ kind: "embedded" });
 * assert.equal(target.kind, "embedded");
 * assert.equal(reason, "given explicitly");
 * ```
 */
export function chooseTarget(explicit?: TargetSpec): TargetChoice {
  if (explicit) return { target: explicit, reason: "given explicitly" };
  const fromEnv = targetFromEnvironment();
  if (fromEnv) return { target: fromEnv, reason: "from OFTEST_TARGET" };
  if (OvsSwitch.isInstalled()) {
    return { target: { kind: "ovs" }, reason: "Open vSwitch is installed" };
  }
  return {
    target: { kind: "embedded" },
    reason: "Open vSwitch is not installed, so the embedded reference switch is used",
  };
}
