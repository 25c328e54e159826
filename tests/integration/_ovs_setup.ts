// A Controller listening on a free loopback port and an Open vSwitch pointed at it.
import { Controller, type ControllerOptions } from "../../src/controller/mod.ts";
import type { SwitchConnection } from "../../src/controller/mod.ts";
import { type OvsBridgeOptions, OvsSwitch } from "../../src/testing/mod.ts";

/** A connected pair, disposed together (switch first, so it does not redial a closed port). */
export interface Rig extends AsyncDisposable {
  controller: Controller;
  ovs: OvsSwitch;
  conn: SwitchConnection;
  port: number;
}

/** Starts the controller, then OVS dialing it, and waits for the handshake. */
export async function rig(
  bridge: OvsBridgeOptions = {},
  options: Partial<ControllerOptions> = {},
): Promise<Rig> {
  const controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 }, ...options });
  try {
    const [{ port }] = await controller.listening;
    const ovs = await OvsSwitch.start({
      bridges: [{ ...bridge, controller: `tcp:127.0.0.1:${port}` }],
    });
    try {
      const conn = await controller.connect({ timeout: 10_000 });
      return {
        controller,
        ovs,
        conn,
        port,
        async [Symbol.asyncDispose]() {
          await ovs.close();
          await controller.close();
        },
      };
    } catch (e) {
      await ovs.close();
      throw e;
    }
  } catch (e) {
    await controller.close();
    throw e;
  }
}
