// A Controller over a MemoryTransport with one handshaken in-memory peer.
import assert from "node:assert/strict";
import {
  Controller,
  type ControllerOptions,
  type SwitchConnection,
} from "../../src/controller/mod.ts";
import { type MemoryPeer, MemoryTransport } from "../../src/testing/mod.ts";
import * as F from "./_frames.ts";

export interface Ready {
  transport: MemoryTransport;
  controller: Controller;
  peer: MemoryPeer;
  conn: SwitchConnection;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Connects one in-memory peer and completes the handshake (HELLO, then FEATURES unless off). */
export async function ready(
  options: ControllerOptions = {},
  version = 4,
  dpid = 1n,
): Promise<Ready> {
  const transport = new MemoryTransport();
  const controller = new Controller({ transport, ...options });
  const peer = transport.connect();
  const conn = await handshake(controller, peer, options, version, dpid);
  return {
    transport,
    controller,
    peer,
    conn,
    [Symbol.asyncDispose]: () => controller.close(),
  };
}

/** Plays the switch side of a handshake on `peer`; returns the connection. */
export async function handshake(
  controller: Controller,
  peer: MemoryPeer,
  options: ControllerOptions,
  version: number,
  dpid: bigint,
): Promise<SwitchConnection> {
  peer.write(F.hello(version, 1, [version]));
  const hello = await peer.read();
  assert.equal(hello?.[1], 0, "the controller sends HELLO first");
  if (options.features !== false) {
    const req = await peer.read();
    assert.equal(req?.[1], 5, "then FEATURES_REQUEST");
    peer.write(F.featuresReply(version, F.xidOf(req!), dpid));
  }
  return await controller.waitForSwitch((c) => c.id === peer.id, { timeout: 1000 });
}
