// A Controller listening on a free loopback port and a reference switch dialing it, with the
// switch's data ports opened through its FrameLink into per-port queues.
import {
  Controller,
  type ControllerOptions,
  type SwitchConnection,
} from "../../src/controller/mod.ts";
import type { OfpMessage } from "../../src/ofp/mod.ts";
import { ReferenceSwitch, type ReferenceSwitchOptions } from "../../src/switch/mod.ts";
import type { FrameLink } from "../../src/testing/frame_link.ts";

/** Frames that left the switch, per port, with a way to wait for them. */
export class Frames {
  readonly #queues = new Map<number, Uint8Array[]>();
  #waiters: (() => void)[] = [];

  push(port: number, frame: Uint8Array): void {
    const q = this.#queues.get(port) ?? [];
    q.push(frame);
    this.#queues.set(port, q);
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Takes every frame that left `port` so far. */
  take(port: number): Uint8Array[] {
    const q = this.#queues.get(port) ?? [];
    this.#queues.delete(port);
    return q;
  }

  /** Every port with frames waiting. */
  ports(): number[] {
    return [...this.#queues.keys()].filter((p) => (this.#queues.get(p)?.length ?? 0) > 0).sort();
  }

  /** Waits until `port` has `count` frames (or the time is up); returns what it has. */
  async wait(port: number, count = 1, timeout = 1000): Promise<Uint8Array[]> {
    const end = Date.now() + timeout;
    while ((this.#queues.get(port)?.length ?? 0) < count && Date.now() < end) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((r) => {
        this.#waiters.push(r);
        timer = setTimeout(r, end - Date.now());
      });
      clearTimeout(timer);
    }
    return this.take(port);
  }
}

/** A connected controller and reference switch, disposed together. */
export interface Rig extends AsyncDisposable {
  controller: Controller;
  sw: ReferenceSwitch;
  conn: SwitchConnection;
  link: FrameLink;
  frames: Frames;
  /** Sends a message and waits for a barrier, so it has taken effect. */
  apply(...msgs: OfpMessage[]): Promise<void>;
}

/** Starts a controller, then a switch dialing it; waits for the handshake; opens the ports. */
export async function rig(
  options: ReferenceSwitchOptions = {},
  controllerOptions: Partial<ControllerOptions> = {},
): Promise<Rig> {
  const controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    ...controllerOptions,
  });
  let sw: ReferenceSwitch | undefined;
  try {
    const [{ port }] = await controller.listening;
    sw = await ReferenceSwitch.start({ controller: `tcp:127.0.0.1:${port}`, ...options });
    const conn = await controller.connect({ timeout: 5000 });
    const link = sw.frameLink();
    const frames = new Frames();
    await link.open((p, f) => frames.push(p, f));
    const s = sw;
    return {
      controller,
      sw: s,
      conn,
      link,
      frames,
      async apply(...msgs: OfpMessage[]) {
        for (const m of msgs) conn.send(m);
        await conn.barrier();
      },
      async [Symbol.asyncDispose]() {
        await link.close();
        await s.close();
        await controller.close();
      },
    };
  } catch (e) {
    await sw?.close();
    await controller.close();
    throw e;
  }
}
