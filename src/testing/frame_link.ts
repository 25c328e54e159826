/**
 * The seam between the data plane and whatever reaches a switch's ports: Open vSwitch dummy
 * ports, a tester switch driven over OpenFlow, or the embedded switch's in-memory ports.
 *
 * @module
 */

/** Where a frame came out of the switch under test. */
export type FrameReceiver = (port: number, frame: Uint8Array) => void;

/**
 * A switch's data ports as a test reaches them. {@linkcode DataPlane} does the queueing,
 * waiting and verifying on top of any link.
 */
export interface FrameLink {
  /** The OpenFlow port numbers of the switch under test that this link reaches. */
  readonly ports: readonly number[];
  /**
   * Starts delivering every frame that leaves the switch through one of `ports`. Called once,
   * before any `send`.
   *
   * @param receive Called with each frame, in the order frames left each port; the frame is
   * the receiver's to keep.
   */
  open(receive: FrameReceiver): Promise<void>;
  /**
   * Puts a frame into the switch through `port`.
   *
   * @param port One of `ports`.
   * @param frame An Ethernet frame without FCS.
   */
  send(port: number, frame: Uint8Array): Promise<void>;
  /** Stops delivery and releases every resource of the link. Idempotent. */
  close(): Promise<void>;
}
