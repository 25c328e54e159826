/**
 * An isolated Open vSwitch instance for tests: its own database, daemons, control sockets
 * and data ports under one temporary directory, with the dummy datapath (no root, no kernel
 * module, any number of instances side by side).
 *
 * @module
 */
import { logger } from "../_log.ts";
import { resolveBinaries, run } from "./_exec.ts";
import { OvsConfigError } from "./errors.ts";

const log = logger("testing", "ovs");

/** An OpenFlow version name as Open vSwitch's `protocols` column spells it. */
export type OvsProtocol =
  | "OpenFlow10"
  | "OpenFlow11"
  | "OpenFlow12"
  | "OpenFlow13"
  | "OpenFlow14"
  | "OpenFlow15";

/** How one bridge is set up. */
export interface OvsBridgeOptions {
  /** Bridge name. Default `br0`, then `br1`, ... */
  name?: string;
  /** Datapath id. Default: the bridge's index + 1. */
  datapathId?: bigint;
  /** Data ports: a count (numbered 1..N) or the OpenFlow port numbers. Default 2. */
  ports?: number | readonly number[];
  /** OpenFlow versions the bridge speaks. Default OpenFlow 1.0 and 1.3. */
  protocols?: readonly OvsProtocol[];
  /**
   * Controller targets: `tcp:127.0.0.1:PORT` or `ssl:...` (Open vSwitch dials the
   * controller), `ptcp:PORT:127.0.0.1` or `pssl:...` (Open vSwitch listens). Default none.
   */
  controller?: string | readonly string[];
  /** What the bridge does without a controller. Default `secure` (drop, no learning). */
  failMode?: "secure" | "standalone";
  /**
   * A bridge (of this or another `OvsSwitch`) to wire this one to, as a cable would: every
   * data port N of this bridge connects to port N's socket of that bridge, so a frame out of
   * one enters the other as a frame received from the wire (a separate datapath pass, unlike
   * a patch port). Used to drive one switch as the tester of another. The wired ports of the
   * other bridge are then taken: reach them through this one.
   */
  wiredTo?: OvsBridge;
}

/** Key material for `ssl:`/`pssl:` controller targets, as PEM file paths. */
export interface OvsSslOptions {
  /** The switch's private key. */
  privateKey: string;
  /** The switch's certificate. */
  certificate: string;
  /** The CA certificate that signed the controller's certificate. */
  caCertificate: string;
}

/** Options for {@linkcode OvsSwitch.start}. */
export interface OvsSwitchOptions {
  /** Bridges to create. Default: one bridge with the defaults of {@linkcode OvsBridgeOptions}. */
  bridges?: readonly OvsBridgeOptions[];
  /** SSL key material, needed for `ssl:` and `pssl:` targets. */
  ssl?: OvsSslOptions;
  /** Where to look for the Open vSwitch binaries (PATH syntax). Default: PATH plus /usr/sbin and /sbin. */
  path?: string;
  /** Parent of the instance's temporary directory. Default: the system's temp dir. */
  tmpDir?: string;
}

/** A bridge of a running {@linkcode OvsSwitch}. */
export interface OvsBridge {
  /** Bridge name. */
  readonly name: string;
  /** Datapath id. */
  readonly datapathId: bigint;
  /** OpenFlow port numbers of the data ports. */
  readonly ports: readonly number[];
  /** OpenFlow versions the bridge speaks. */
  readonly protocols: readonly OvsProtocol[];
  /** Interface name of data port `port`. */
  portName(port: number): string;
  /** Unix stream socket of data port `port` (2-byte length + frame, both directions). */
  portSocket(port: number): string;
}

const BINARIES = [
  "ovsdb-tool",
  "ovsdb-server",
  "ovs-vswitchd",
  "ovs-vsctl",
  "ovs-appctl",
  "ovs-ofctl",
] as const;
type Binaries = Record<(typeof BINARIES)[number], string>;

/**
 * A real Open vSwitch (ovsdb-server + ovs-vswitchd) confined to a temporary directory.
 * Dispose it (`await using`) to stop both daemons and remove every file it made; that
 * also happens when `start` fails half-way.
 *
 * @example Frames through a flow installed with ovs-ofctl
 * ```ts ignore
 * import { DataPlane, OvsSwitch } from "@oftest/oftest/testing";
 *
 * await using ovs = await OvsSwitch.start({ bridges: [{ ports: 2 }] });
 * await ovs.ofctl("add-flow", "br0", "in_port=1,actions=output:2");
 * await using dp = await DataPlane.open(ovs.bridge());
 * await dp.send(1, frame);
 * const out = await dp.poll(2, { timeout: 1000 });
 * ```
 */
export class OvsSwitch implements AsyncDisposable {
  /** The instance's directory: database, pid files, logs, control and port sockets. */
  readonly dir: string;
  readonly #bin: Binaries;
  readonly #env: Record<string, string>;
  readonly #bridges: OvsBridge[] = [];
  #closed: Promise<void> | undefined;

  private constructor(dir: string, bin: Binaries, path: string) {
    this.dir = dir;
    this.#bin = bin;
    this.#env = {
      PATH: path,
      OVS_RUNDIR: dir,
      OVS_DBDIR: dir,
      OVS_LOGDIR: dir,
      OVS_SYSCONFDIR: dir,
    };
  }

  /**
   * Starts an instance: creates the database, starts ovsdb-server and ovs-vswitchd (dummy
   * datapath), adds the bridges and their ports, and checks Open vSwitch applied it all.
   *
   * @param options Bridges, SSL material, binary search path.
   * @returns The running instance.
   * @throws {OvsNotFoundError} If an Open vSwitch binary is not installed.
   * @throws {OvsConfigError} If a bridge or port could not be created.
   * @throws {OvsCommandError} If a daemon or `ovs-vsctl` fails (e.g. a bad bridge setting).
   */
  static async start(options: OvsSwitchOptions = {}): Promise<OvsSwitch> {
    const path = options.path ?? `${Deno.env.get("PATH") ?? ""}:/usr/sbin:/sbin`;
    const bin = resolveBinaries(BINARIES, path);
    const dir = await Deno.makeTempDir({ dir: options.tmpDir, prefix: "oftest-ovs-" });
    const ovs = new OvsSwitch(dir, bin, path);
    try {
      await ovs.#startDaemons();
      if (options.ssl) {
        const { privateKey, certificate, caCertificate } = options.ssl;
        // The daemons never chdir, but make the files independent of our working directory.
        const abs = (file: string) => file.startsWith("/") ? file : `${Deno.cwd()}/${file}`;
        await ovs.vsctl("set-ssl", abs(privateKey), abs(certificate), abs(caCertificate));
      }
      const bridges = options.bridges ?? [{}];
      for (let i = 0; i < bridges.length; i++) await ovs.addBridge(bridges[i], i);
    } catch (e) {
      await ovs.close();
      throw e;
    }
    log.debug("Open vSwitch started in {dir}", { dir });
    return ovs;
  }

  /**
   * Whether Open vSwitch is installed: every binary {@linkcode OvsSwitch.start} runs is found.
   *
   * @param path Where to look (PATH syntax). Default: PATH plus /usr/sbin and /sbin.
   * @returns True when all are found.
   */
  static isInstalled(path?: string): boolean {
    try {
      resolveBinaries(BINARIES, path ?? `${Deno.env.get("PATH") ?? ""}:/usr/sbin:/sbin`);
      return true;
    } catch {
      return false;
    }
  }

  /** The bridges, in creation order. */
  get bridges(): readonly OvsBridge[] {
    return this.#bridges;
  }

  /**
   * A bridge by name (default: the first one).
   *
   * @param name Bridge name.
   * @returns The bridge.
   * @throws {RangeError} If there is no such bridge.
   */
  bridge(name?: string): OvsBridge {
    const found = name === undefined
      ? this.#bridges[0]
      : this.#bridges.find((b) => b.name === name);
    if (!found) throw new RangeError(`No bridge named ${name ?? "(first)"} in this Open vSwitch`);
    return found;
  }

  /**
   * Adds a bridge with its data ports and controller targets.
   *
   * @param options The bridge's settings.
   * @param index Used for defaults (name `br<index>`, datapath id index + 1). Default: the number of bridges.
   * @returns The bridge.
   * @throws {OvsConfigError} If Open vSwitch could not create the bridge or a port.
   * @throws {OvsCommandError} If `ovs-vsctl` refuses the settings (e.g. a duplicate name).
   */
  async addBridge(
    options: OvsBridgeOptions = {},
    index: number = this.#bridges.length,
  ): Promise<OvsBridge> {
    const name = options.name ?? `br${index}`;
    const datapathId = options.datapathId ?? BigInt(index + 1);
    const ports = typeof options.ports === "number" || options.ports === undefined
      ? Array.from({ length: options.ports ?? 2 }, (_, i) => i + 1)
      : [...options.ports];
    const protocols = [...(options.protocols ?? ["OpenFlow10", "OpenFlow13"])] as OvsProtocol[];
    const dir = this.dir;
    const bridge: OvsBridge = {
      name,
      datapathId,
      ports,
      protocols,
      portName: (port) => `${name}-p${port}`,
      portSocket: (port) => `${dir}/${name}-p${port}.sock`,
    };
    const args = [
      "add-br",
      name,
      "--",
      "set",
      "bridge",
      name,
      "datapath_type=dummy",
      `fail-mode=${options.failMode ?? "secure"}`,
      `protocols=${protocols.join(",")}`,
      `other-config:datapath-id=${datapathId.toString(16).padStart(16, "0")}`,
      "other-config:disable-in-band=true",
    ];
    for (const port of ports) {
      const wire = options.wiredTo;
      if (wire && !wire.ports.includes(port)) {
        throw new RangeError(`Cannot wire port ${port}: ${wire.name} has no port ${port}`);
      }
      const kind = wire === undefined
        ? ["type=dummy", `options:pstream=punix:${bridge.portSocket(port)}`]
        : ["type=dummy", `options:stream=unix:${wire.portSocket(port)}`];
      args.push(
        "--",
        "add-port",
        name,
        bridge.portName(port),
        "--",
        "set",
        "interface",
        bridge.portName(port),
        `ofport_request=${port}`,
        ...kind,
      );
    }
    await this.vsctl(...args);
    await this.#checkApplied(bridge);
    this.#bridges.push(bridge);
    const targets = typeof options.controller === "string"
      ? [options.controller]
      : options.controller;
    if (targets?.length) await this.setController(name, targets);
    return bridge;
  }

  /**
   * Runs `ovs-vsctl` against this instance.
   *
   * @param args Its arguments.
   * @returns Its standard output.
   * @throws {OvsCommandError} On a non-zero exit.
   */
  vsctl(...args: string[]): Promise<string> {
    return run(this.#bin["ovs-vsctl"], ["--timeout=10", ...args], this.#env);
  }

  /**
   * Runs `ovs-ofctl` against this instance. It negotiates the highest OpenFlow version the
   * bridge allows; pass `-O OpenFlow10` (or another version) first to pin one, which also
   * decides the syntax of what it prints.
   *
   * @param args Its arguments.
   * @returns Its standard output.
   * @throws {OvsCommandError} On a non-zero exit.
   */
  ofctl(...args: string[]): Promise<string> {
    return run(this.#bin["ovs-ofctl"], ["--timeout=10", ...args], this.#env);
  }

  /**
   * Runs `ovs-appctl -t ovs-vswitchd` against this instance.
   *
   * @param args The command and its arguments, e.g. `"revalidator/purge"`.
   * @returns Its standard output.
   * @throws {OvsCommandError} On a non-zero exit.
   */
  appctl(...args: string[]): Promise<string> {
    return run(
      this.#bin["ovs-appctl"],
      ["--timeout=10", "-t", "ovs-vswitchd", ...args],
      this.#env,
    );
  }

  /**
   * Points a bridge at new controller targets. Removes the old ones first, so Open vSwitch
   * dials at once instead of waiting out its reconnect backoff (up to 8 s).
   *
   * @param bridge Bridge name.
   * @param targets `tcp:`, `ssl:`, `ptcp:` or `pssl:` targets.
   * @throws {OvsCommandError} If `ovs-vsctl` refuses the bridge or a target.
   */
  async setController(bridge: string, targets: string | readonly string[]): Promise<void> {
    await this.vsctl("del-controller", bridge);
    await this.vsctl(
      "set-controller",
      bridge,
      ...(typeof targets === "string" ? [targets] : targets),
    );
  }

  /**
   * Removes a bridge's controller targets (its connections close).
   *
   * @param bridge Bridge name.
   * @throws {OvsCommandError} If there is no such bridge.
   */
  async delController(bridge: string): Promise<void> {
    await this.vsctl("del-controller", bridge);
  }

  /**
   * Flushes the datapath flow cache (`revalidator/purge`), so a frame injected right after a
   * flow change is classified by the new OpenFlow flows, not a stale cached one.
   *
   * @throws {OvsCommandError} If ovs-vswitchd does not answer.
   */
  async purgeDatapathFlows(): Promise<void> {
    await this.appctl("revalidator/purge");
  }

  /**
   * Restarts ovs-vswitchd with the same database, as a switch reboot: connections drop,
   * OpenFlow flows are lost, bridges come back with the same datapath ids and redial
   * their controllers (Open vSwitch does not persist OpenFlow flows; a controller must
   * reinstall them). Data planes opened before must be reopened: the port sockets are new.
   *
   * @throws {OvsCommandError} If ovs-vswitchd cannot be stopped or started.
   * @throws {OvsConfigError} If a bridge does not come back with all its ports.
   */
  async restart(): Promise<void> {
    const pid = await this.#pid("ovs-vswitchd");
    await this.appctl("exit", "--cleanup");
    if (pid !== undefined) await waitForExit(pid, this.dir);
    await this.#startVswitchd();
    for (const bridge of this.#bridges) await this.#checkApplied(bridge);
  }

  /**
   * Process ids of the two daemons.
   *
   * @returns Each daemon's pid, or undefined for one that is not running.
   */
  async pids(): Promise<{ ovsdbServer?: number; ovsVswitchd?: number }> {
    return {
      ovsdbServer: await this.#pid("ovsdb-server"),
      ovsVswitchd: await this.#pid("ovs-vswitchd"),
    };
  }

  /**
   * The last lines of ovs-vswitchd's log, for failure messages.
   *
   * @param lines How many lines. Default 20.
   * @returns The log's tail ("" if there is no log).
   */
  async logTail(lines = 20): Promise<string> {
    try {
      const text = await Deno.readTextFile(`${this.dir}/ovs-vswitchd.log`);
      return text.trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  /**
   * Stops both daemons (`exit --cleanup`, then SIGKILL for one still running after 5 s),
   * waits for them to exit and removes the directory. Idempotent: later calls return the
   * first call's promise.
   *
   * @throws {Deno.errors.PermissionDenied} If the directory cannot be removed.
   */
  close(): Promise<void> {
    this.#closed ??= this.#stop();
    return this.#closed;
  }

  /** Same as {@linkcode close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #startDaemons(): Promise<void> {
    const dir = this.dir;
    await run(this.#bin["ovsdb-tool"], [
      "create",
      `${dir}/conf.db`,
      "/usr/share/openvswitch/vswitch.ovsschema",
    ], this.#env);
    await run(this.#bin["ovsdb-server"], [
      `${dir}/conf.db`,
      `--remote=punix:${dir}/db.sock`,
      "--pidfile",
      "--detach",
      "--no-chdir",
      "--log-file",
      "-vconsole:off",
    ], this.#env);
    await this.vsctl("--no-wait", "init");
    await this.#startVswitchd();
  }

  async #startVswitchd(): Promise<void> {
    await run(this.#bin["ovs-vswitchd"], [
      `unix:${this.dir}/db.sock`,
      "--enable-dummy=override",
      "--disable-system",
      "--pidfile",
      "--detach",
      "--no-chdir",
      "--log-file",
      "-vconsole:off",
    ], this.#env);
  }

  // ovs-vsctl exits 0 even when a port could not be created: ask the database and the switch.
  async #checkApplied(bridge: OvsBridge): Promise<void> {
    const interfaces = await this.#interfaceErrors();
    if (Object.keys(interfaces).length > 0) {
      throw new OvsConfigError(
        `Open vSwitch could not create interfaces: ${
          Object.entries(interfaces).map(([name, error]) => `${name}: ${error}`).join("; ")
        }`,
        { bridge: bridge.name, interfaces },
      );
    }
    const deadline = Date.now() + 5000;
    for (;;) {
      let show = "";
      let failure: unknown;
      try {
        show = await this.ofctl("-O", bridge.protocols.join(","), "show", bridge.name);
      } catch (e) {
        failure = e;
      }
      const missing = bridge.ports.filter((p) => !show.includes(` ${p}(${bridge.portName(p)})`));
      if (missing.length === 0) return;
      if (Date.now() > deadline) {
        throw new OvsConfigError(
          `Bridge ${bridge.name} lacks ports ${missing.join(", ")} after 5 s` +
            (show ? `:\n${show}` : ""),
          { bridge: bridge.name, missingPorts: missing, cause: failure },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #interfaceErrors(): Promise<Record<string, string>> {
    const rows = await this.vsctl(
      "--format=csv",
      "--data=bare",
      "--no-headings",
      "--columns=name,error",
      "find",
      "interface",
      "error!=[]",
    );
    const interfaces: Record<string, string> = {};
    for (const line of rows.split("\n")) {
      const m = /^("?)(.*?)\1,(.*)$/.exec(line.trim());
      if (m) interfaces[m[2]] = m[3].replace(/^"|"$/g, "").replaceAll('""', '"');
    }
    return interfaces;
  }

  async #pid(daemon: string): Promise<number | undefined> {
    try {
      const pid = Number((await Deno.readTextFile(`${this.dir}/${daemon}.pid`)).trim());
      return Number.isInteger(pid) && pid > 0 && isAlive(pid, this.dir) ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  async #stop(): Promise<void> {
    const vswitchd = await this.#pid("ovs-vswitchd");
    const ovsdb = await this.#pid("ovsdb-server");
    // Ask nicely first (exit --cleanup removes the dummy datapath), then make sure.
    if (vswitchd !== undefined) {
      await this.appctl("exit", "--cleanup").catch((e) =>
        log.warn("ovs-vswitchd exit: {e}", { e: String(e) })
      );
      await waitForExit(vswitchd, this.dir);
    }
    if (ovsdb !== undefined) {
      await run(
        this.#bin["ovs-appctl"],
        ["--timeout=5", "-t", "ovsdb-server", "exit"],
        this.#env,
      ).catch((e) => log.warn("ovsdb-server exit: {e}", { e: String(e) }));
      await waitForExit(ovsdb, this.dir);
    }
    await Deno.remove(this.dir, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
    log.debug("Open vSwitch in {dir} stopped", { dir: this.dir });
  }
}

/**
 * Whether `pid` is one of this instance's daemons, still running: its command line names the
 * instance's directory (so a recycled pid is never mistaken for it) and it is not a zombie
 * (the daemons detach, so init reaps them; a zombie has an empty command line).
 */
function isAlive(pid: number, dir: string): boolean {
  try {
    return Deno.readTextFileSync(`/proc/${pid}/cmdline`).includes(dir);
  } catch {
    return false;
  }
}

/** Waits up to 5 s for daemon `pid` to exit, then kills it. */
async function waitForExit(pid: number, dir: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (isAlive(pid, dir)) {
    if (Date.now() > deadline) {
      log.warn("Process {pid} did not exit in 5 s; killing it", { pid });
      try {
        Deno.kill(pid, "SIGKILL");
      } catch { /* already gone */ }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
