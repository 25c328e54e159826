/**
 * The reference switch: an OpenFlow 1.0 and 1.3 switch in TypeScript, with in-memory data
 * ports, that dials or accepts controllers over TCP or TLS.
 *
 * @module
 */
import { logger } from "../_log.ts";
import type { Address, TlsOptions } from "../controller/transport.ts";
import type { FrameLink } from "../testing/frame_link.ts";
import { Channel, type ChannelHost } from "./_channel.ts";
import { Datapath } from "./_datapath.ts";
import { portMac } from "./_ports.ts";
import type { Stream } from "./_stream.ts";
import { SwitchFrameLink } from "./_switch_link.ts";
import { Dialer, listen, type Listening } from "./_transport.ts";
import type { ControllerChannel } from "./controller_channel.ts";
import { checkFaults, type Faults } from "./faults.ts";
import { parseTarget } from "./target.ts";

/** What DESC statistics report. */
export interface SwitchDescription {
  /** Manufacturer. Default "oftest". */
  mfr?: string;
  /** Hardware. Default "Reference switch (in memory)". */
  hw?: string;
  /** Software. Default "@oftest/oftest switch". */
  sw?: string;
  /** Serial number. Default "none". */
  serial?: string;
  /** Datapath description. Default "dpid 0x..." */
  dp?: string;
}

/** Options of {@linkcode ReferenceSwitch.start}. */
export interface ReferenceSwitchOptions {
  /** Datapath id. Default 1. */
  datapathId?: bigint;
  /** The data ports: a count (ports 1..n) or their numbers. Default 4. */
  ports?: number | readonly number[];
  /** OpenFlow wire versions to offer: 1 (1.0) and/or 4 (1.3). Default both. */
  versions?: readonly number[];
  /**
   * Controllers to dial: `"tcp:HOST:PORT"`, `"ssl:HOST:PORT"` or an address (TLS when `tls`
   * is given). Each is redialed after a failure or a closed connection.
   */
  controller?: string | Address | readonly (string | Address)[];
  /** Where to accept controllers: `"ptcp:PORT[:HOST]"`, `"pssl:PORT[:HOST]"` or an address. */
  listen?: string | Partial<Address>;
  /** TLS: the switch's certificate and key, and the CA that signs controllers. */
  tls?: TlsOptions;
  /** Redial backoff in ms. Default `{ initialDelay: 100, maxDelay: 2000 }`. */
  retry?: { initialDelay?: number; maxDelay?: number };
  /** Flow tables (1.3 pipeline). Default 254, as Open vSwitch. */
  tables?: number;
  /** Packet buffers for packet-ins that carry part of a frame. Default 256; 0 never buffers. */
  buffers?: number;
  /** Most flows per table. Default 1,000,000. */
  maxFlows?: number;
  /** Queue ids of every port. Default `[0]`. */
  queues?: readonly number[];
  /** Fault modes every new connection starts with. Default none. */
  faults?: Faults;
  /** DESC statistics. */
  description?: SwitchDescription;
}

function intIn(name: string, v: number, min: number, max: number): number {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`Expected ${name} to be an integer from ${min} to ${max}, got ${v}`);
  }
  return v;
}

/**
 * An OpenFlow switch in TypeScript: a 1.3 pipeline of many tables with groups and meters,
 * 1.0's single table, in-memory data ports reachable through {@linkcode ReferenceSwitch.frameLink},
 * and fault modes per controller connection. It dials controllers or accepts them, over TCP
 * or mutual TLS, exactly like a hardware or Open vSwitch switch would.
 *
 * @example
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 * import { ReferenceSwitch } from "@oftest/oftest/switch";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
 * const [{ port }] = await controller.listening;
 * await using sw = await ReferenceSwitch.start({ controller: `tcp:127.0.0.1:${port}`, ports: 2 });
 * const conn = await controller.connect();
 * const link = sw.frameLink();
 * await link.open((port, frame) => console.log(`frame out of port ${port}`, frame));
 * ```
 */
export class ReferenceSwitch implements AsyncDisposable {
  readonly #dp: Datapath;
  readonly #host: ChannelHost;
  readonly #versions: readonly number[];
  readonly #channels = new Set<Channel>();
  readonly #dialers: Dialer[] = [];
  readonly #listeners: Listening[] = [];
  readonly #waiters: ((ch: ControllerChannel) => void)[] = [];
  #faults: Faults;
  #nextId = 1;
  #closing: Promise<void> | undefined;

  private constructor(
    dp: Datapath,
    versions: readonly number[],
    faults: Faults,
    desc: Required<SwitchDescription>,
  ) {
    this.#dp = dp;
    this.#versions = versions;
    this.#faults = faults;
    const channels = this.#channels;
    this.#host = {
      dp,
      versions,
      desc,
      log: logger("switch"),
      channels: () => channels.values(),
      generationId: undefined,
      gone: (ch) => {
        channels.delete(ch as Channel);
      },
    };
  }

  /**
   * Builds a switch and starts dialing or listening.
   *
   * @param options Datapath id, ports, versions, controllers, TLS, sizes, faults.
   * @returns The running switch; close it (or `await using`) to stop it.
   * @throws {RangeError} On a bad count, version or port number.
   * @throws {TypeError} On a controller or listen target that cannot be read.
   * @throws {Deno.errors.AddrInUse} If the listen address is taken.
   */
  static async start(options: ReferenceSwitchOptions = {}): Promise<ReferenceSwitch> {
    const versions = [...new Set(options.versions ?? [1, 4])].sort((a, b) => a - b);
    if (versions.length === 0 || versions.some((v) => v !== 1 && v !== 4)) {
      throw new RangeError(
        `Expected OpenFlow versions among 1 (1.0) and 4 (1.3), got ${
          versions.join(", ") || "none"
        }`,
      );
    }
    const dpid = options.datapathId ?? 1n;
    if (typeof dpid !== "bigint" || dpid < 0n || dpid > 0xffffffffffffffffn) {
      throw new RangeError(
        `Expected datapathId to be an unsigned 64-bit bigint, got ${String(dpid)}`,
      );
    }
    const ports = typeof options.ports === "number" || options.ports === undefined
      ? Array.from({ length: intIn("ports", options.ports ?? 4, 0, 0xfeff) }, (_, i) => i + 1)
      : [...options.ports];
    for (const p of ports) intIn("a port number", p, 1, 0xfeff);
    if (new Set(ports).size !== ports.length) {
      throw new RangeError(`Expected distinct port numbers, got ${ports.join(", ")}`);
    }
    const tables = intIn("tables", options.tables ?? 254, 1, 254);
    const buffers = intIn("buffers", options.buffers ?? 256, 0, 65536);
    const maxFlows = intIn("maxFlows", options.maxFlows ?? 1_000_000, 1, 100_000_000);
    const queues = [...(options.queues ?? [0])];
    for (const q of queues) intIn("a queue id", q, 0, 0xfffffffe);
    const dp = new Datapath(
      dpid,
      ports.map((no) => ({ no, name: `p${no}`, hwAddr: portMac(dpid, no), queues })),
      tables,
      buffers,
      maxFlows,
    );
    const dpidText = `0x${dpid.toString(16).padStart(16, "0")}`;
    const desc: Required<SwitchDescription> = {
      mfr: "oftest",
      hw: "Reference switch (in memory)",
      sw: "@oftest/oftest switch",
      serial: "none",
      dp: `dpid ${dpidText}`,
      ...options.description,
    };
    const sw = new ReferenceSwitch(dp, versions, checkFaults({ ...options.faults }), desc);
    try {
      const targets = options.controller === undefined
        ? []
        : (Array.isArray(options.controller) ? options.controller : [options.controller]) as (
          | string
          | Address
        )[];
      const backoff = {
        initialDelay: options.retry?.initialDelay ?? 100,
        maxDelay: options.retry?.maxDelay ?? 2000,
      };
      for (const t of targets) {
        const target = typeof t === "string" ? parseTarget(t, false) : { address: t, tls: false };
        if (target.tls && !options.tls) {
          throw new TypeError(`Target ${String(t)} needs the tls option`);
        }
        const tls = target.tls || (typeof t !== "string" && options.tls) ? options.tls : undefined;
        sw.#dialers.push(
          new Dialer(
            target.address,
            tls,
            backoff,
            (s, info) => sw.#accept(s, info),
            (e) => sw.#host.log.debug("Dial failed: {error}", { error: e }),
          ),
        );
      }
      if (options.listen !== undefined) {
        const target = typeof options.listen === "string" ? parseTarget(options.listen, true) : {
          address: {
            hostname: options.listen.hostname ?? "127.0.0.1",
            port: options.listen.port ?? 6653,
          },
          tls: !!options.tls,
        };
        if (target.tls && !options.tls) {
          throw new TypeError(`Listen target ${options.listen} needs the tls option`);
        }
        sw.#listeners.push(
          await listen(
            target.address,
            target.tls ? options.tls : undefined,
            (s, info) => sw.#accept(s, info),
            (e) => sw.#host.log.warn("Refused a connection: {error}", { error: e }),
          ),
        );
      }
    } catch (e) {
      await sw.close();
      throw e;
    }
    return sw;
  }

  async #accept(
    stream: Stream,
    info: { local: Address; remote: Address; tls: boolean },
  ): Promise<void> {
    if (this.#closing) {
      stream.close();
      return;
    }
    const ch = new Channel(this.#host, this.#nextId++, stream, info, this.#faults);
    this.#channels.add(ch);
    this.#host.log.info("Controller {remote} connected (connection {id})", {
      remote: info.remote,
      id: ch.id,
    });
    ch.ready.then((c) => {
      for (const w of this.#waiters.splice(0)) w(c);
    }, () => {});
    await ch.closed;
  }

  /** The datapath id. */
  get datapathId(): bigint {
    return this.#dp.datapathId;
  }

  /** The data port numbers. */
  get ports(): number[] {
    return [...this.#dp.ports.keys()];
  }

  /** The OpenFlow versions offered. */
  get versions(): readonly number[] {
    return this.#versions;
  }

  /** Where the switch listens (empty when it only dials). */
  get addresses(): Address[] {
    return this.#listeners.map((l) => l.address);
  }

  /** Open controller connections. */
  get channels(): ControllerChannel[] {
    return [...this.#channels];
  }

  /**
   * Waits for a controller connection that has finished its HELLO exchange: an open one if
   * there is one, else the next.
   *
   * @param options How long to wait, in ms. Default 5000.
   * @returns The connection.
   * @throws {Error} If none is ready in time.
   */
  channel(options: { timeout?: number } = {}): Promise<ControllerChannel> {
    const ready = [...this.#channels].find((c) => c.state === "ready");
    if (ready) return Promise.resolve(ready);
    const timeout = options.timeout ?? 5000;
    return new Promise((resolve, reject) => {
      const waiter = (c: ControllerChannel) => {
        clearTimeout(timer);
        resolve(c);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`No controller connection was ready within ${timeout} ms`));
      }, timeout);
      this.#waiters.push(waiter);
    });
  }

  /**
   * Sets the fault modes new connections start with (open ones keep theirs: see
   * {@linkcode ControllerChannel.setFaults}).
   *
   * @param faults The fault modes.
   * @throws {RangeError} On a bad delay or part count.
   * @throws {TypeError} On an unknown malformed kind or close point.
   */
  setFaults(faults: Faults): void {
    this.#faults = { ...checkFaults(faults) };
  }

  /**
   * The data ports as a {@linkcode FrameLink}: a frame sent in goes through the pipeline at
   * once; a frame leaving a port reaches the link's receiver. A port belongs to one open link.
   *
   * @param ports Which ports. Default all.
   * @returns The link (open it before sending).
   * @throws {RangeError} On a port the switch does not have.
   */
  frameLink(ports: readonly number[] = this.ports): FrameLink {
    for (const p of ports) {
      if (!this.#dp.ports.has(p)) {
        throw new RangeError(`Port ${p} is not a port of the switch (${this.ports.join(", ")})`);
      }
    }
    return new SwitchFrameLink(this.#dp, [...ports]);
  }

  /**
   * Sets a port's physical link up or down (as a cable pulled), which controllers see as a
   * PORT_STATUS and fast-failover groups as a change of liveness.
   *
   * @param port The port.
   * @param up Whether the link is up.
   * @throws {RangeError} On a port the switch does not have.
   */
  setLink(port: number, up: boolean): void {
    const p = this.#dp.ports.get(port);
    if (!p) {
      throw new RangeError(`Port ${port} is not a port of the switch (${this.ports.join(", ")})`);
    }
    if (p.linkDown === !up) return;
    p.linkDown = !up;
    this.#dp.portChanged(p, 2);
  }

  /**
   * Closes every connection and listener and stops redialing. Idempotent.
   *
   * @returns Resolves once everything is closed.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const dialed = this.#dialers.map((d) => d.stop());
      await Promise.all([...this.#channels].map((c) => c.close()));
      await Promise.all(dialed);
      await Promise.all(this.#listeners.map((l) => l.close()));
      await Promise.all([...this.#channels].map((c) => c.close()));
      this.#dp.close();
    })();
    return this.#closing;
  }

  /** Closes the switch; for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
