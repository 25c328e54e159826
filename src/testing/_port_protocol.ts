// Messages between a WorkerLink (main thread) and a data-plane worker: the port worker (Open
// vSwitch dummy-port sockets) or the embedded switch worker. Every command has an id, answered
// by "done" or "failed" with the same id; frames flow up unasked.

/** What the worker opens: sockets of Open vSwitch dummy ports, or an embedded switch. */
export type PortWorkerOpen =
  | { kind: "sockets"; ports: readonly (readonly [number, string])[] }
  | {
    kind: "embedded";
    ports: readonly number[];
    datapathId: bigint;
    versions: readonly number[];
    controller: string;
  };

/** Main thread → worker. */
export type ToPortWorker =
  | { op: "open"; id: number; open: PortWorkerOpen }
  | { op: "send"; id: number; port: number; frame: Uint8Array }
  | { op: "close"; id: number };

/** Worker → main thread. */
export type FromPortWorker =
  | { op: "done"; id: number }
  | { op: "failed"; id: number; message: string }
  | { op: "frames"; port: number; frames: Uint8Array[] };
