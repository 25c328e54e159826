// An in-process scripted TCP peer playing the switch side of a control channel: it does
// only what the test tells it (write whole, partial or garbage bytes, answer late, hang up)
// and records every frame the Controller sends. It is not a switch and does not pretend to be.
import { FrameParser } from "../../src/ofp/mod.ts";
import * as F from "./_frames.ts";

export class ScriptedSwitch {
  #conn: Deno.Conn;
  #parser = new FrameParser();
  #inbox: Uint8Array[] = [];
  #wake: (() => void) | undefined;
  #eof = false;
  readonly reading: Promise<void>;

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
    this.reading = this.#readLoop();
  }

  /** Dials the Controller at `port`. */
  static async dial(port: number, hostname = "127.0.0.1"): Promise<ScriptedSwitch> {
    return new ScriptedSwitch(await Deno.connect({ hostname, port }));
  }

  async #readLoop(): Promise<void> {
    const buf = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await this.#conn.read(buf);
        if (n === null) break;
        for (const f of this.#parser.push(buf.subarray(0, n))) this.#inbox.push(f.slice());
        this.#notify();
      }
    } catch {
      // reset by the Controller, or closed by the test
    }
    this.#eof = true;
    this.#notify();
  }

  #notify(): void {
    const w = this.#wake;
    this.#wake = undefined;
    w?.();
  }

  /** Whether the Controller closed the connection (EOF seen). */
  get eof(): boolean {
    return this.#eof;
  }

  /** The next frame from the Controller, or undefined on EOF or after `timeout` ms. */
  async read(timeout = 2000): Promise<Uint8Array | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<void>((r) => (timer = setTimeout(r, timeout)));
    try {
      while (this.#inbox.length === 0 && !this.#eof) {
        const more = new Promise<void>((r) => (this.#wake = r));
        if (await Promise.race([more.then(() => false), expired.then(() => true)])) {
          return undefined;
        }
      }
      return this.#inbox.shift();
    } finally {
      clearTimeout(timer);
    }
  }

  /** The next frame of wire type `type`, skipping others (which are returned in `skipped`). */
  async expect(type: number, timeout = 2000, skipped: Uint8Array[] = []): Promise<Uint8Array> {
    for (;;) {
      const f = await this.read(timeout);
      if (!f) throw new Error(`Expected a frame of type ${type} from the controller, got none`);
      if (f[1] === type) return f;
      skipped.push(f);
    }
  }

  /** Writes all of `bytes`. */
  async write(bytes: Uint8Array): Promise<void> {
    let at = 0;
    while (at < bytes.length) at += await this.#conn.write(bytes.subarray(at));
  }

  /** Writes `bytes` in pieces of `size` bytes, `delay` ms apart. */
  async writeSlowly(bytes: Uint8Array, size: number, delay: number): Promise<void> {
    for (let at = 0; at < bytes.length; at += size) {
      await this.write(bytes.subarray(at, at + size));
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Answers the Controller's HELLO and FEATURES_REQUEST: a 1.3 (or `version`) handshake. */
  async handshake(dpid: bigint, version = 4, versions: number[] = [1, 4]): Promise<void> {
    await this.write(F.hello(version, 1, versions));
    await this.expect(0);
    const req = await this.expect(5);
    await this.write(F.featuresReply(req[0], F.xidOf(req), dpid));
  }

  /** Closes the socket and waits for the read loop to end. */
  async close(): Promise<void> {
    try {
      this.#conn.close();
    } catch { /* already closed */ }
    await this.reading;
  }
}

/** A listening scripted peer, for the Controller's active (dialing) mode. */
export class ScriptedListener {
  #listener: Deno.Listener;
  readonly port: number;

  constructor(port = 0) {
    this.#listener = Deno.listen({ hostname: "127.0.0.1", port });
    this.port = (this.#listener.addr as Deno.NetAddr).port;
  }

  /** The next connection from the Controller. */
  async accept(): Promise<ScriptedSwitch> {
    return new ScriptedSwitch(await this.#listener.accept());
  }

  close(): void {
    try {
      this.#listener.close();
    } catch { /* already closed */ }
  }
}
