/**
 * The port worker: owns the data ports of a switch under test and posts the frames that leave
 * them to the main thread. Either the unix stream sockets of Open vSwitch dummy ports (each
 * frame a 2-byte big-endian length and the frame, both directions; the frames of one read go in
 * one message), or an embedded reference switch run here, whose in-memory ports it serves.
 * Started by `WorkerLink` (`OvsPortLink`, the embedded target); speaks `_port_protocol.ts`.
 *
 * Ports live here, not on the main thread, for the same reason the Controller's sockets do: a
 * switch session outlives a single test, and a read loop on the main thread would be an
 * operation that one test starts and the next one completes.
 *
 * @module
 */
/// <reference no-default-lib="true" />
/// <reference lib="deno.worker" />
import type {
  FromPortWorker,
  PortWorkerOpen,
  ToPortWorker,
} from "../src/testing/_port_protocol.ts";
import type { FrameLink } from "../src/testing/frame_link.ts";

const conns = new Map<number, Deno.UnixConn>();
const loops: Promise<void>[] = [];
/** The embedded switch and its ports, when this worker runs one. */
let embedded: { link: FrameLink; close: () => Promise<void> } | undefined;

function post(msg: FromPortWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function readLoop(port: number, conn: Deno.UnixConn): Promise<void> {
  const buf = new Uint8Array(64 * 1024);
  let left: Uint8Array = new Uint8Array(0);
  for (;;) {
    let n: number | null;
    try {
      n = await conn.read(buf);
    } catch {
      return; // closed by "close", or by the switch
    }
    if (n === null) return;
    const chunk = left.length === 0 ? buf.subarray(0, n) : concat(left, buf.subarray(0, n));
    const frames: Uint8Array<ArrayBuffer>[] = [];
    let at = 0;
    while (chunk.length - at >= 2) {
      const length = (chunk[at] << 8) | chunk[at + 1];
      if (chunk.length - at - 2 < length) break;
      frames.push(chunk.slice(at + 2, at + 2 + length));
      at += 2 + length;
    }
    left = chunk.slice(at);
    if (frames.length > 0) post({ op: "frames", port, frames }, frames.map((f) => f.buffer));
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function open(what: PortWorkerOpen): Promise<void> {
  if (what.kind === "embedded") {
    // Loaded only here: the Open vSwitch case does not pay for the switch's code.
    const { ReferenceSwitch } = await import("../src/switch/mod.ts");
    const sw = await ReferenceSwitch.start({
      datapathId: what.datapathId,
      ports: what.ports,
      versions: what.versions,
      controller: what.controller,
    });
    const link = sw.frameLink();
    await link.open((port, frame) => {
      const copy = frame.slice(); // a view may share its buffer: send only its bytes
      post({ op: "frames", port, frames: [copy] }, [copy.buffer]);
    });
    embedded = { link, close: () => sw.close() };
    return;
  }
  for (const [port, path] of what.ports) {
    const conn = await Deno.connect({ transport: "unix", path });
    conns.set(port, conn);
    loops.push(readLoop(port, conn));
  }
}

async function send(port: number, frame: Uint8Array): Promise<void> {
  if (embedded) return await embedded.link.send(port, frame);
  const conn = conns.get(port);
  if (!conn) throw new RangeError(`Port ${port} is not attached`);
  const record = new Uint8Array(frame.length + 2);
  record[0] = frame.length >> 8;
  record[1] = frame.length & 0xff;
  record.set(frame, 2);
  for (let at = 0; at < record.length;) at += await conn.write(record.subarray(at));
}

async function close(): Promise<void> {
  if (embedded) {
    await embedded.link.close();
    await embedded.close();
    embedded = undefined;
  }
  for (const conn of conns.values()) {
    try {
      conn.close();
    } catch { /* already closed by the switch */ }
  }
  conns.clear();
  await Promise.allSettled(loops);
}

// Commands run one at a time, in order, so a send never overtakes the open before it.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToPortWorker>) => {
  const cmd = event.data;
  queue = queue.then(async () => {
    try {
      if (cmd.op === "open") await open(cmd.open);
      else if (cmd.op === "send") await send(cmd.port, cmd.frame);
      else await close();
      post({ op: "done", id: cmd.id });
    } catch (e) {
      post({ op: "failed", id: cmd.id, message: message(e) });
    }
  });
};
