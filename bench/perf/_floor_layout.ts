// The shared-memory layout of the floor measurement (floor.ts and peers/floor_worker.ts).

/** Int32 word indexes and byte offsets in the floor's SharedArrayBuffer. */
export const FLOOR = {
  /** Requests written by the main thread (a count; -1 asks the worker to stop). */
  requests: 0,
  /** Replies written by the worker (a count). */
  replies: 1,
  /** Length of the current request. */
  requestLength: 2,
  /** Length of the reply to wait for. */
  replyLength: 3,
  /** Byte offset of the request slot. */
  requestAt: 64,
  /** Byte offset of the reply slot. */
  replyAt: 64 + 256,
  /** Size of each slot. */
  slot: 256,
  /** Size of the whole buffer. */
  size: 64 + 512,
} as const;
