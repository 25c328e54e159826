// Messages between OvsPortLink (main thread) and workers/port_worker.ts. Every command has an
// id, answered by "done" or "failed" with the same id; frames flow up unasked.

/** Main thread → port worker. */
export type ToPortWorker =
  | { op: "open"; id: number; ports: readonly (readonly [number, string])[] }
  | { op: "send"; id: number; port: number; frame: Uint8Array }
  | { op: "close"; id: number };

/** Port worker → main thread. */
export type FromPortWorker =
  | { op: "done"; id: number }
  | { op: "failed"; id: number; message: string }
  | { op: "frames"; port: number; frames: Uint8Array[] };
