/**
 * OpenFlow 1.0 message types. (Stub: filled in by the OpenFlow 1.0 codec work.)
 *
 * @module
 */

/** An OpenFlow 1.0 BARRIER_REQUEST. */
export interface Of10BarrierRequest {
  /** Wire-protocol version. */
  version: 1;
  /** Discriminant. */
  type: "BARRIER_REQUEST";
  /** Transaction id. */
  xid: number;
}

/** Any OpenFlow 1.0 message except HELLO (which is version-independent). */
export type Of10Message = Of10BarrierRequest;
