/**
 * OpenFlow 1.3 message types. (Stub: filled in by the OpenFlow 1.3 codec work.)
 *
 * @module
 */

/** An OpenFlow 1.3 BARRIER_REQUEST. */
export interface Of13BarrierRequest {
  /** Wire-protocol version. */
  version: 4;
  /** Discriminant. */
  type: "BARRIER_REQUEST";
  /** Transaction id. */
  xid: number;
}

/** Any OpenFlow 1.3 message except HELLO (which is version-independent). */
export type Of13Message = Of13BarrierRequest;
