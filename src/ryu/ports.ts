/**
 * The port numbers of Ryu's test topology: the target switch receives the test frames on
 * `targetRecv` and sends them out of `targetSend1` (and `targetSend2`); the tester sends on
 * `testerSend` (wired to `targetRecv`) and receives on `testerRecv1`/`testerRecv2` (wired to
 * `targetSend1`/`targetSend2`).
 *
 * @module
 */

/** Port numbers of Ryu's topology (`ryu/tests/switch/tester.py`). */
export interface RyuPorts {
  /** Target switch port that receives the test frames. Ryu's default 1. */
  targetRecv: number;
  /** Target switch port the frames are expected out of. Ryu's default 2. */
  targetSend1: number;
  /** Second target switch output port (groups). Ryu's default 3. */
  targetSend2: number;
  /** Tester port wired to `targetRecv`. Ryu's default 1. */
  testerSend: number;
  /** Tester port wired to `targetSend1`. Ryu's default 2. */
  testerRecv1: number;
  /** Tester port wired to `targetSend2`. Ryu's default 3. */
  testerRecv2: number;
}

/** Ryu's default port numbers (`--target_recv_port` ... `--tester_recv_port_2`). */
export const RYU_DEFAULT_PORTS: Readonly<RyuPorts> = Object.freeze({
  targetRecv: 1,
  targetSend1: 2,
  targetSend2: 3,
  testerSend: 1,
  testerRecv1: 2,
  testerRecv2: 3,
});

/** The names pattern files may use instead of port numbers, as Ryu spells them. */
export const RYU_PORT_NAMES: Readonly<Record<string, keyof RyuPorts>> = Object.freeze({
  target_recv_port: "targetRecv",
  target_send_port_1: "targetSend1",
  target_send_port_2: "targetSend2",
  tester_send_port: "testerSend",
  tester_recv_port_1: "testerRecv1",
  tester_recv_port_2: "testerRecv2",
});

/**
 * The port number for one of Ryu's port names (`"target_send_port_1"`), as Ryu substitutes
 * them in `OFPActionOutput.port` and `in_port` match values.
 *
 * @param name A port name.
 * @param ports The topology's port numbers.
 * @returns The number, or undefined when `name` is not one of Ryu's port names.
 *
 * @example
 * ```ts
 * import { RYU_DEFAULT_PORTS, ryuPortByName } from "@oftest/oftest/ryu";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ryuPortByName("target_send_port_2", RYU_DEFAULT_PORTS), 3);
 * assert.equal(ryuPortByName("eth0", RYU_DEFAULT_PORTS), undefined);
 * ```
 */
export function ryuPortByName(name: string, ports: Readonly<RyuPorts>): number | undefined {
  const key = Object.hasOwn(RYU_PORT_NAMES, name) ? RYU_PORT_NAMES[name] : undefined;
  return key === undefined ? undefined : ports[key];
}
