/**
 * The data ports of an Open vSwitch bridge as a {@linkcode FrameLink}.
 *
 * Deno has no raw (AF_PACKET) sockets, so OFTest's one-socket-per-interface design is not
 * available. Each dummy port instead listens on a unix stream socket (`options:pstream`),
 * carrying every frame as a 2-byte big-endian length and the frame, in both directions.
 * That path is reliable and immediate; `netdev-dummy/receive` (a process per frame) and
 * `tx_pcap` (polling a growing file) were the slower alternatives. The sockets are owned by
 * a worker (`workers/port_worker.ts`), so a data plane can outlive a single test.
 *
 * @module
 */
import type { FrameLink, FrameReceiver } from "./frame_link.ts";
import type { OvsBridge } from "./ovs.ts";
import { WorkerLink } from "./_worker_link.ts";

/** Longest unix socket path a client can connect to (sun_path is 108 bytes with its NUL). */
const MAX_UNIX_PATH = 107;

/**
 * Frames into and out of a bridge's dummy ports (a `FrameLink`).
 *
 * @example
 * ```ts ignore
 * import { DataPlane, OvsPortLink, OvsSwitch } from "@oftest/oftest/testing";
 *
 * await using ovs = await OvsSwitch.start({ bridges: [{ ports: 2 }] });
 * await using dp = await DataPlane.over(new OvsPortLink(ovs.bridge(), [1, 2]));
 * ```
 */
export class OvsPortLink implements FrameLink {
  /** The OpenFlow port numbers this link reaches. */
  readonly ports: readonly number[];
  readonly #link: WorkerLink;

  /**
   * Describes the link; nothing is opened until `open`.
   *
   * @param bridge A bridge of a running `OvsSwitch`.
   * @param ports Which data ports. Default: all of the bridge's.
   * @throws {RangeError} If a port is not a data port of the bridge, or its socket path is
   * longer than a unix socket address allows (start the switch with a shorter `tmpDir`).
   */
  constructor(bridge: OvsBridge, ports: readonly number[] = bridge.ports) {
    const paths: [number, string][] = [];
    for (const port of ports) {
      if (!bridge.ports.includes(port)) {
        throw new RangeError(
          `Port ${port} is not a data port of ${bridge.name} (${bridge.ports.join(", ")})`,
        );
      }
      const path = bridge.portSocket(port);
      // Open vSwitch binds long paths through /proc/self/fd; a client cannot.
      if (new TextEncoder().encode(path).length > MAX_UNIX_PATH) {
        throw new RangeError(
          `Cannot connect to ${path}: a unix socket path holds at most ${MAX_UNIX_PATH} bytes`,
        );
      }
      paths.push([port, path]);
    }
    this.ports = [...ports];
    this.#link = new WorkerLink(new URL("../../workers/port_worker.ts", import.meta.url), ports, {
      kind: "sockets",
      ports: paths,
    });
  }

  /**
   * Starts the port worker and connects to every port's socket.
   *
   * @param receive Called with each frame that leaves the switch through one of the ports.
   * @throws {Error} If a socket cannot be connected (e.g. the switch is not running).
   */
  open(receive: FrameReceiver): Promise<void> {
    return this.#link.open(receive);
  }

  /**
   * Sends a frame into the switch through a port.
   *
   * @param port One of `ports`.
   * @param frame The Ethernet frame (at most 65535 bytes).
   * @throws {RangeError} If the port is not attached or the frame is too long.
   * @throws {Error} If the link is not open or the socket write fails.
   */
  send(port: number, frame: Uint8Array): Promise<void> {
    return this.#link.send(port, frame);
  }

  /** Closes the sockets and the worker. Idempotent. */
  close(): Promise<void> {
    return this.#link.close();
  }
}
