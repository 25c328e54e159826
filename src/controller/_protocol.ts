// The messages between WorkerTransport (main thread) and workers/socket_worker.ts.
import type { Address, RetryOptions, TransportTls } from "./transport.ts";

/** An error as it crosses threads. */
export interface ErrorFields {
  name: string;
  message: string;
}

/** Main thread → worker. */
export type ToWorker =
  | { t: "init"; totals: SharedArrayBuffer }
  | { t: "listen"; req: number; addresses: Address[]; tls: TransportTls | undefined }
  | {
    t: "dial";
    dialId: number;
    target: Address;
    retry: Required<RetryOptions>;
    tls: TransportTls | undefined;
  }
  | { t: "write"; ids: number[]; chunks: Uint8Array[] }
  | { t: "close-conn"; id: number }
  | { t: "shutdown" };

/** Worker → main thread. */
export type FromWorker =
  | {
    t: "open";
    id: number;
    local: Address;
    remote: Address;
    counters: SharedArrayBuffer;
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
