// What goes between WorkerTransport (main thread) and workers/socket_worker.ts. Bytes go
// through two shared-memory rings (_ring.ts): writes down, reads up, as records. Whatever
// carries objects (addresses, errors, counter blocks, a read too large for the ring) is
// posted, with a POST record in the ring at its place so that both sides see one order.
import type { Address, RetryOptions, TransportTls } from "./transport.ts";

/** Record kinds in the rings. */
export const R = {
  /** Down: bytes to write on connection `id`. Up: complete frames read from `id`. */
  bytes: 2,
  /** The next posted message (in posting order) belongs here. */
  post: 3,
  /** Down: close connection `id` after the bytes before this record. */
  close: 4,
} as const;

/** Ring sizes and thresholds, given to the worker at start. */
export interface RingSettings {
  /** Data area of the main → worker ring, in bytes (a power of two). */
  downBytes: number;
  /** Data area of the worker → main ring, in bytes (a power of two). */
  upBytes: number;
  /**
   * Reads whose complete frames exceed this many bytes are posted (the read buffer
   * transferred) instead of copied into the ring. At most the up ring's largest record.
   */
  postAbove: number;
  /**
   * Writes larger than this are posted (a copy transferred) instead of copied through the
   * down ring: a burst of megabytes (a peer that stopped reading, thousands of flows) would
   * otherwise cross a ring's worth at a time, each a round trip of wake-ups.
   */
  postWritesAbove: number;
}

/** An error as it crosses threads. */
export interface ErrorFields {
  name: string;
  message: string;
}

/** Main thread → worker: `init` first and alone; the others each have a POST record. */
export type ToWorker =
  | {
    t: "init";
    totals: SharedArrayBuffer;
    down: SharedArrayBuffer;
    up: SharedArrayBuffer;
    rings: RingSettings;
  }
  | { t: "listen"; req: number; addresses: Address[]; tls: TransportTls | undefined }
  | {
    t: "dial";
    dialId: number;
    target: Address;
    retry: Required<RetryOptions>;
    tls: TransportTls | undefined;
  }
  | { t: "write"; id: number; bytes: Uint8Array }
  | { t: "shutdown" };

/** Worker → main thread: every message but `log` has a POST record in the up ring. */
export type FromWorker =
  | {
    t: "open";
    id: number;
    local: Address;
    remote: Address;
    /** A new slab of counter blocks, which this and the next connections use. */
    counters: SharedArrayBuffer | undefined;
    countersOffset: number;
    tls: boolean;
  }
  | { t: "data"; id: number; buffer: ArrayBuffer; length: number; offsets: Uint32Array }
  | { t: "closed"; id: number; error: ErrorFields | undefined }
  | { t: "listening"; req: number; addresses: Address[] }
  | { t: "listen-failed"; req: number; error: ErrorFields }
  | { t: "dial-failed"; dialId: number; error: ErrorFields; final: boolean }
  | {
    t: "log";
    level: "debug" | "info" | "warning" | "error";
    message: string;
    props: Record<string, unknown>;
  }
  | { t: "shutdown-done" };
