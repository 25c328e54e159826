/**
 * A switch session: the Controller connection to the switch under test and its data plane,
 * opened once per run and reset before each test.
 *
 * @module
 */
import { Controller, type SwitchConnection } from "../controller/mod.ts";
import { of13, type OfpMessage } from "../ofp/mod.ts";
import { logger } from "../_log.ts";
import { DataPlane } from "./dataplane.ts";
import { OvsSwitch } from "./ovs.ts";
import { TesterLink } from "./tester_link.ts";
import { WorkerLink } from "./_worker_link.ts";
import { portConfig, setPortConfig } from "./port_config.ts";
import { dialectOf } from "./_dialect.ts";
import type { PortMap, TargetKind, TargetSpec } from "./target.ts";

const log = logger("testing", "session");

/** OpenFlow versions a session can speak: 1 (1.0) or 4 (1.3). */
export type SessionVersion = 1 | 4;

/** Options of {@linkcode SwitchSession.open}. */
export interface SessionOptions {
  /** The OpenFlow version to speak. */
  version: SessionVersion;
  /** How long to wait for the switch to connect, in ms. Default 15000. */
  connectTimeout?: number;
}

/** What a session knows about its switch, for reports. */
export interface SessionInfo {
  /** The kind of target. */
  kind: TargetKind;
  /** A human description, e.g. "Open vSwitch 3.1.0 (dummy datapath)". */
  description: string;
  /** The switch's datapath id. */
  datapathId: bigint | undefined;
}

/** What a session's parts are and how to release them, per target kind. */
interface Parts {
  controller: Controller;
  conn: SwitchConnection;
  dataPlane: DataPlane;
  description: string;
  settle: () => Promise<void>;
  release: () => Promise<void>;
}

/**
 * One switch under test, connected and with its data plane, for a whole run. Tests get it
 * through `switchTest`; a runner or a script can open one directly.
 *
 * @example
 * ```ts ignore
 * import { SwitchSession } from "@oftest/oftest/testing";
 *
 * await using session = await SwitchSession.open({ kind: "ovs" }, { version: 4 });
 * await session.reset();
 * console.log(session.info.description, session.ports);
 * ```
 */
export class SwitchSession implements AsyncDisposable {
  /** The controller the switch is connected to. */
  readonly controller: Controller;
  /** The connection to the switch under test. */
  readonly conn: SwitchConnection;
  /** Frames into and out of its ports. */
  readonly dataPlane: DataPlane;
  /** What the switch is. */
  readonly info: SessionInfo;
  readonly #settle: () => Promise<void>;
  readonly #release: () => Promise<void>;
  /** Port configurations as they were before a test changed them. */
  readonly #portConfigs = new Map<number, number>();
  /** The switch's asynchronous-message configuration (1.3) as it was at the start. */
  #asyncConfig: OfpMessage | undefined;
  #closed: Promise<void> | undefined;

  private constructor(kind: TargetKind, parts: Parts) {
    this.controller = parts.controller;
    this.conn = parts.conn;
    this.dataPlane = parts.dataPlane;
    this.info = { kind, description: parts.description, datapathId: parts.conn.datapathId };
    this.#settle = parts.settle;
    this.#release = parts.release;
  }

  /**
   * Connects to a target: starts it when it is local (Open vSwitch, the embedded switch),
   * waits for the switch (and its tester) to connect, and opens the data plane.
   *
   * @param target Which switch.
   * @param options The version to speak and the connect deadline.
   * @returns The open session.
   * @throws {OvsNotFoundError} For an `ovs` target when Open vSwitch is not installed.
   * @throws {WaitTimeoutError} If the switch or its tester does not connect in time.
   */
  static async open(target: TargetSpec, options: SessionOptions): Promise<SwitchSession> {
    const parts = await openParts(target, options);
    const session = new SwitchSession(target.kind, parts);
    try {
      if (session.version === 4) {
        const reply = await session.conn.transact(of13.getAsyncRequest());
        if (reply.type === "GET_ASYNC_REPLY") {
          session.#asyncConfig = of13.setAsync({
            packetInMask: reply.packetInMask,
            portStatusMask: reply.portStatusMask,
            flowRemovedMask: reply.flowRemovedMask,
          });
        }
      }
    } catch (e) {
      await session.close();
      throw e;
    }
    log.info("Session open: {description}, OpenFlow version {version}", {
      description: parts.description,
      version: parts.conn.version,
    });
    return session;
  }

  /** The negotiated OpenFlow version. */
  get version(): number {
    return this.conn.version;
  }

  /** The data ports tests may use, in order. */
  get ports(): number[] {
    return this.dataPlane.ports;
  }

  /**
   * Waits until the switch's datapath follows its flow tables: after a barrier, Open vSwitch
   * may still classify frames by cached datapath flows, so they are purged; a port map's
   * `settleMs` is waited for other switches.
   *
   * @throws {SwitchError} If the barrier fails.
   */
  async settle(): Promise<void> {
    await this.conn.barrier();
    await this.#settle();
  }

  /**
   * Remembers a port's configuration before a test changes it, so {@linkcode reset} can
   * restore it.
   *
   * @param port The port.
   * @throws {RangeError} If the switch has no such port.
   */
  async rememberPort(port: number): Promise<void> {
    if (!this.#portConfigs.has(port)) {
      this.#portConfigs.set(port, (await portConfig(this.conn, port)).config);
    }
  }

  /**
   * Returns the switch to a clean state before a test: every flow, group and meter deleted,
   * whole frames to the controller on a table miss, port configurations a test changed
   * restored, the asynchronous-message configuration (1.3) as it was when the session opened,
   * the poll queue and the data plane queues emptied, the datapath settled.
   *
   * @throws {SwitchError} If the switch refuses a reset message.
   */
  async reset(): Promise<void> {
    for (const [port, config] of this.#portConfigs) {
      await setPortConfig(this.conn, port, config, PORT_CONFIG_BITS[this.version === 4 ? 4 : 1]);
    }
    this.#portConfigs.clear();
    const dialect = dialectOf(this.version);
    const msgs: (OfpMessage | undefined)[] = [
      dialect.deleteAllFlows(),
      dialect.deleteAllGroups(),
      dialect.deleteAllMeters(),
      dialect.wholeFramesToController(),
      this.#asyncConfig,
    ];
    for (const msg of msgs) if (msg) this.conn.send(msg);
    await this.settle();
    this.conn.clearQueue();
    this.dataPlane.clear();
  }

  /** Closes the data plane, the controller and whatever the session started. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#release();
    return this.#closed;
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** The `OFPPC` bits a controller may set, per version. */
const PORT_CONFIG_BITS = { 1: 0x7f, 4: 0x65 } as const;

const OVS_PROTOCOL = { 1: "OpenFlow10", 4: "OpenFlow13" } as const;

async function openParts(target: TargetSpec, options: SessionOptions): Promise<Parts> {
  const connectTimeout = options.connectTimeout ?? 15_000;
  const versions = [options.version];
  switch (target.kind) {
    case "ovs":
      return await openOvs(target.ports ?? 4, target.dataPlane === "tester", options.version);
    case "embedded":
      return await openEmbedded(target.ports ?? 4, options.version);
    case "listen": {
      const controller = new Controller({ listen: target.listen, tls: target.tls, versions });
      return await guard(controller.close.bind(controller), async () => {
        const testerId = target.portMap.tester.datapathId;
        const conn = await controller.waitForSwitch(
          target.datapathId ?? ((c) => c.datapathId !== testerId),
          { timeout: connectTimeout },
        );
        return await withTester(controller, conn, target.portMap, connectTimeout, "listen");
      });
    }
    case "connect": {
      const controller = new Controller({ switch: target.connect, tls: target.tls, versions });
      return await guard(controller.close.bind(controller), async () => {
        const conn = await controller.connect({ timeout: connectTimeout });
        return await withTester(controller, conn, target.portMap, connectTimeout, "connect");
      });
    }
  }
}

/** Runs `fn`; if it throws, runs `undo` first. */
async function guard<T>(undo: () => Promise<void>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    await undo();
    throw e;
  }
}

async function openOvs(ports: number, tester: boolean, version: SessionVersion): Promise<Parts> {
  const controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    versions: [version],
  });
  return await guard(controller.close.bind(controller), async () => {
    const [{ port }] = await controller.listening;
    const target = `tcp:127.0.0.1:${port}`;
    const protocols = [OVS_PROTOCOL[version]];
    const ovs = await OvsSwitch.start({
      bridges: [{ name: "sut", ports, controller: target, protocols }],
    });
    return await guard(() => ovs.close(), async () => {
      const conn = await controller.waitForSwitch(1n, { timeout: 15_000 });
      const sut = ovs.bridge("sut");
      // The tester is a second Open vSwitch whose ports are cabled to the switch under test's.
      const testerOvs = tester
        ? await OvsSwitch.start({
          bridges: [{
            name: "tst",
            datapathId: 2n,
            ports,
            controller: target,
            protocols,
            wiredTo: sut,
          }],
        })
        : undefined;
      const dataPlane = await guard(
        async () => await testerOvs?.close(),
        async () =>
          testerOvs
            ? await DataPlane.over(
              new TesterLink(await controller.waitForSwitch(2n, { timeout: 15_000 }), {
                wiring: sut.ports.map((p) => [p, p]),
              }),
            )
            : await DataPlane.open(sut),
      );
      const version = (await ovs.vsctl("--version")).split("\n")[0].replace(/^.*\) /, "");
      return {
        controller,
        conn,
        dataPlane,
        description: `Open vSwitch ${version} (dummy datapath${
          testerOvs ? ", a tester Open vSwitch cabled to its ports" : ""
        })`,
        settle: async () => {
          await ovs.purgeDatapathFlows();
          await testerOvs?.purgeDatapathFlows();
        },
        release: async () => {
          await dataPlane.close();
          await testerOvs?.close();
          await ovs.close();
          await controller.close();
        },
      };
    });
  });
}

async function openEmbedded(ports: number, version: SessionVersion): Promise<Parts> {
  const controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    versions: [version],
  });
  return await guard(controller.close.bind(controller), async () => {
    const [{ port }] = await controller.listening;
    const numbers = Array.from({ length: ports }, (_, i) => i + 1);
    const link = new WorkerLink(new URL("../../workers/port_worker.ts", import.meta.url), numbers, {
      kind: "embedded",
      ports: numbers,
      datapathId: 1n,
      versions: [version],
      controller: `tcp:127.0.0.1:${port}`,
    });
    const dataPlane = await DataPlane.over(link);
    return await guard(() => dataPlane.close(), async () => {
      const conn = await controller.connect({ timeout: 15_000 });
      return {
        controller,
        conn,
        dataPlane,
        description: "the embedded reference switch (@oftest/oftest/switch)",
        // It executes messages in order: after a barrier its tables are in effect.
        settle: () => Promise.resolve(),
        release: async () => {
          await dataPlane.close();
          await controller.close();
        },
      };
    });
  });
}

async function withTester(
  controller: Controller,
  conn: SwitchConnection,
  portMap: PortMap,
  timeout: number,
  mode: "listen" | "connect",
): Promise<Parts> {
  const spec = portMap.tester;
  let testerController: Controller | undefined;
  let tester: SwitchConnection;
  if (spec.connect) {
    testerController = new Controller({ switch: spec.connect, versions: [conn.version] });
    tester = await guard(
      testerController.close.bind(testerController),
      () => testerController!.connect({ timeout }),
    );
  } else {
    tester = await controller.waitForSwitch(spec.datapathId!, { timeout });
  }
  const wired = new Map(spec.wiring);
  const dataPlane = await DataPlane.over(
    new TesterLink(tester, { wiring: portMap.ports.map((p) => [p, wired.get(p) ?? p]) }),
  );
  const settleMs = portMap.settleMs ?? 0;
  return {
    controller,
    conn,
    dataPlane,
    description: `switch 0x${
      conn.datapathId?.toString(16)
    } (${mode} ${conn.remote.hostname}:${conn.remote.port}, tester 0x${
      tester.datapathId?.toString(16)
    })`,
    settle: () => settleMs > 0 ? new Promise((r) => setTimeout(r, settleMs)) : Promise.resolve(),
    release: async () => {
      await dataPlane.close();
      await testerController?.close();
      await controller.close();
    },
  };
}
