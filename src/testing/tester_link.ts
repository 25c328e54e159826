/**
 * A tester switch as the data plane: any OpenFlow switch whose ports are wired one-to-one to
 * the ports of the switch under test, driven over OpenFlow. Frames go in by PACKET_OUT on the
 * tester and come back by PACKET_IN from a catch-all flow — how Ryu's switch tester reaches
 * hardware, with no raw sockets.
 *
 * @module
 */
import type { SwitchConnection } from "../controller/mod.ts";
import type { FrameLink, FrameReceiver } from "./frame_link.ts";
import { dialectOf } from "./_dialect.ts";

/** Packet-outs between two barriers on the tester. */
const PACE = 16;

/** Options of {@linkcode TesterLink}. */
export interface TesterLinkOptions {
  /**
   * Which tester port is wired to which port of the switch under test, as
   * `[targetPort, testerPort]` pairs.
   */
  wiring: Iterable<readonly [number, number]>;
  /** Deadline of the set-up transactions, in ms. Default 5000. */
  timeout?: number;
}

/**
 * The ports of a switch under test, reached through a tester switch wired to them.
 *
 * On {@linkcode open} it takes the tester over: deletes all its flows (and groups and meters
 * in 1.3), installs one lowest-priority flow sending every frame whole to the controller,
 * asks for whole frames on table misses, and consumes the tester's packet-ins.
 *
 * @example
 * ```ts ignore
 * import { DataPlane, TesterLink } from "@oftest/oftest/testing";
 *
 * const tester = await controller.waitForSwitch(0x2n, { timeout: 10_000 });
 * await using dp = await DataPlane.over(new TesterLink(tester, { wiring: [[1, 1], [2, 2]] }));
 * await dp.send(1, frame); // into the switch under test's port 1
 * ```
 */
export class TesterLink implements FrameLink {
  /** The ports of the switch under test that this link reaches. */
  readonly ports: readonly number[];
  readonly #tester: SwitchConnection;
  readonly #toTester: ReadonlyMap<number, number>;
  readonly #fromTester: ReadonlyMap<number, number>;
  readonly #timeout: number;
  #unregister: (() => void) | undefined;
  /** Packet-outs sent since the tester last answered a barrier. */
  #unconfirmed = 0;

  /**
   * Describes the link; the tester is not touched until {@linkcode open}.
   *
   * @param tester The connection to the tester switch (OpenFlow 1.0 or 1.3).
   * @param options The wiring.
   * @throws {RangeError} If a port appears twice on either side.
   */
  constructor(tester: SwitchConnection, options: TesterLinkOptions) {
    const toTester = new Map<number, number>();
    const fromTester = new Map<number, number>();
    for (const [target, testerPort] of options.wiring) {
      if (toTester.has(target) || fromTester.has(testerPort)) {
        throw new RangeError(
          `Expected each port wired once, got target port ${target} ↔ tester port ${testerPort} twice`,
        );
      }
      toTester.set(target, testerPort);
      fromTester.set(testerPort, target);
    }
    this.ports = [...toTester.keys()];
    this.#tester = tester;
    this.#toTester = toTester;
    this.#fromTester = fromTester;
    this.#timeout = options.timeout ?? 5000;
  }

  /**
   * Takes the tester over and starts delivering what it receives on the wired ports.
   *
   * @param receive Called with each frame, by the port of the switch under test it left.
   * @throws {SwitchError} If the tester refuses a set-up message.
   * @throws {TransactionTimeoutError} If it does not answer.
   */
  async open(receive: FrameReceiver): Promise<void> {
    const tester = this.#tester;
    const dialect = dialectOf(tester.version);
    this.#unregister = tester.register("PACKET_IN", (msg) => {
      const testerPort = dialect.inPortOf(msg);
      const target = testerPort === undefined ? undefined : this.#fromTester.get(testerPort);
      if (target !== undefined) receive(target, msg.data.slice());
      return true;
    });
    const timeout = this.#timeout;
    for (
      const msg of [
        dialect.deleteAllFlows(),
        dialect.deleteAllGroups(),
        dialect.deleteAllMeters(),
        dialect.wholeFramesToController(),
        dialect.everythingToController(),
      ]
    ) {
      if (msg) tester.send(msg);
    }
    await tester.barrier({ timeout });
  }

  /**
   * Puts a frame into the switch under test through `port` (a PACKET_OUT on the tester port
   * wired to it).
   *
   * @param port A port of the switch under test.
   * @param frame The Ethernet frame.
   * @throws {RangeError} If the port is not wired.
   * @throws {TransactionTimeoutError} If the tester stops answering (it is paced by barriers).
   */
  async send(port: number, frame: Uint8Array): Promise<void> {
    const testerPort = this.#toTester.get(port);
    if (testerPort === undefined) {
      throw new RangeError(`Port ${port} is not wired to the tester`);
    }
    this.#tester.send(dialectOf(this.#tester.version).packetOut(testerPort, frame));
    // A burst of packet-outs can outrun the tester's port queues (Open vSwitch's dummy ports
    // drop beyond 100 queued frames): every PACE frames, wait until the tester has taken them.
    if (++this.#unconfirmed >= PACE) {
      this.#unconfirmed = 0;
      await this.#tester.barrier({ timeout: this.#timeout });
    }
  }

  /** Stops consuming the tester's packet-ins (the tester's flows stay). Idempotent. */
  close(): Promise<void> {
    this.#unregister?.();
    this.#unregister = undefined;
    return Promise.resolve();
  }
}
