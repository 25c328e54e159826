/**
 * Ryu's topology on a local Open vSwitch: the target switch is an OVS bridge with dummy
 * ports numbered as Ryu's target ports, and the data plane on those ports plays Ryu's tester
 * (a frame sent into the receive port is what the tester's send port would put on the wire;
 * a frame out of a send port is what the tester would receive). Several bridges per
 * OpenFlow version let files run in parallel, each with its own session.
 *
 * @module
 */
import { Controller } from "../controller/mod.ts";
import { DataPlane, OvsSwitch } from "../testing/mod.ts";
import type { RyuTarget } from "./runner.ts";
import { RYU_DEFAULT_PORTS, type RyuPorts } from "./ports.ts";

/** Options of {@linkcode RyuOvsTestbed.start}. */
export interface RyuOvsTestbedOptions {
  /** OpenFlow versions to have target bridges for: 1 (1.0) and/or 4 (1.3). */
  versions: readonly (1 | 4)[];
  /** Target bridges per version (files run in parallel across them). Default 1. */
  jobs?: number;
  /** Port numbers of the target. Default Ryu's. */
  ports?: Readonly<RyuPorts>;
  /** Parent of Open vSwitch's temporary directory (keep it short: unix socket paths). */
  tmpDir?: string;
  /** How long to wait for each bridge to connect, in ms. Default 10000. */
  timeout?: number;
}

/**
 * A Controller and an Open vSwitch with target bridges for Ryu's patterns. Dispose it
 * (`await using`) to close the data planes, the switch and the controller.
 *
 * @example
 * ```ts ignore
 * import { readPatternFile, runPatternFile, RyuOvsTestbed } from "@oftest/oftest/ryu";
 *
 * await using bed = await RyuOvsTestbed.start({ versions: [4] });
 * const file = await readPatternFile("../shared/ryu-switch-tests/of13/action/00_OUTPUT.json");
 * const results = await runPatternFile(file, bed.targets(4)[0]);
 * ```
 */
export class RyuOvsTestbed implements AsyncDisposable {
  /** The Open vSwitch instance. */
  readonly ovs: OvsSwitch;
  /** The controller the bridges connect to. */
  readonly controller: Controller;
  readonly #targets = new Map<number, RyuTarget[]>();
  readonly #planes: DataPlane[] = [];
  #closed: Promise<void> | undefined;

  private constructor(ovs: OvsSwitch, controller: Controller) {
    this.ovs = ovs;
    this.controller = controller;
  }

  /**
   * Starts the controller, Open vSwitch with `jobs` target bridges per version, and opens
   * each bridge's session and data plane.
   *
   * @param options Versions, bridges per version, ports.
   * @returns The running testbed.
   * @throws {OvsNotFoundError} If Open vSwitch is not installed.
   * @throws {WaitTimeoutError} If a bridge does not connect in time.
   */
  static async start(options: RyuOvsTestbedOptions): Promise<RyuOvsTestbed> {
    const ports = options.ports ?? RYU_DEFAULT_PORTS;
    const jobs = options.jobs ?? 1;
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
      throw new RangeError(`Expected jobs from 1 to 64, got ${jobs}`);
    }
    const controller = new Controller({
      listen: { hostname: "127.0.0.1", port: 0 },
      versions: [...options.versions],
      timeout: 10_000,
    });
    let ovs: OvsSwitch | undefined;
    try {
      const [{ port }] = await controller.listening;
      const dataPorts = [...new Set([ports.targetRecv, ports.targetSend1, ports.targetSend2])];
      const bridges = options.versions.flatMap((version) =>
        Array.from({ length: jobs }, (_, j) => ({
          name: `ryu${version}x${j}`,
          datapathId: BigInt((version << 8) | (j + 1)),
          ports: dataPorts,
          protocols: [version === 1 ? "OpenFlow10" as const : "OpenFlow13" as const],
          controller: `tcp:127.0.0.1:${port}`,
          version,
        }))
      );
      ovs = await OvsSwitch.start({ bridges, tmpDir: options.tmpDir });
      const bed = new RyuOvsTestbed(ovs, controller);
      try {
        for (const b of bridges) {
          const conn = await controller.waitForSwitch(b.datapathId, {
            timeout: options.timeout ?? 10_000,
          });
          const dataPlane = await DataPlane.open(ovs.bridge(b.name));
          bed.#planes.push(dataPlane);
          const list = bed.#targets.get(b.version) ?? [];
          list.push({ conn, dataPlane, settle: () => ovs!.purgeDatapathFlows() });
          bed.#targets.set(b.version, list);
        }
      } catch (e) {
        await bed.close();
        throw e;
      }
      return bed;
    } catch (e) {
      if (ovs) await ovs.close();
      await controller.close();
      throw e;
    }
  }

  /**
   * The targets of one OpenFlow version.
   *
   * @param version 1 or 4.
   * @returns The targets (`jobs` of them), or none for a version not started.
   */
  targets(version: number): RyuTarget[] {
    return this.#targets.get(version) ?? [];
  }

  /** Closes the data planes, Open vSwitch, then the controller. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      for (const dp of this.#planes) await dp.close();
      await this.ovs.close();
      await this.controller.close();
    })();
    return this.#closed;
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
