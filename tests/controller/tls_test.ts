// TLS with mutual authentication, passive and active, with certificates made by the openssl
// CLI at test time: a CA, a controller and a switch certificate it signed, and a rogue CA
// whose switch certificate must be refused.
import assert from "node:assert/strict";
import { ConnectionClosedError, Controller, WaitTimeoutError } from "../../src/controller/mod.ts";
import { hasPeer, PEERS_REQUIRED } from "../_util/peers.ts";
import { makeTestPki, type TestIdentity } from "../../src/testing/mod.ts";
import { ScriptedSwitch } from "./_scripted_switch.ts";

const pair = (i: TestIdentity) => ({ cert: i.cert, key: i.key });

// One PKI for the file; its files are removed at once, the tests need only the PEM text.
async function loadPki() {
  await using made = await makeTestPki();
  return {
    ca: made.ca.cert,
    controller: pair(made.controller),
    switch: pair(made.switch),
    rogue: pair(made.rogue),
    nameless: pair(made.nameless),
  };
}

// Without openssl these tests are ignored, unless peers are required (CI): then they fail.
const pki = hasPeer("openssl") || PEERS_REQUIRED ? await loadPki() : undefined;

Deno.test({
  name: "tls: a switch with a certificate the CA signed completes the handshake",
  ignore: !pki,
  fn: async () => {
    await using controller = new Controller({
      listen: { hostname: "127.0.0.1", port: 0 },
      tls: { ...pki!.controller, ca: pki!.ca },
    });
    const [{ port }] = await controller.listening;
    const sw = new ScriptedSwitch(
      await Deno.connectTls({ hostname: "127.0.0.1", port, caCerts: [pki!.ca], ...pki!.switch }),
    );
    await sw.handshake(0x5n);
    const conn = await controller.connect();
    assert.equal(conn.tls, true);
    assert.equal(conn.datapathId, 5n);
    const p = conn.barrier();
    const req = await sw.expect(20);
    await sw.write(new Uint8Array([4, 21, 0, 8, ...req.subarray(4, 8)]));
    await p;
    await sw.close();
    await conn.closed;
  },
});

Deno.test({
  name: "tls: a switch whose certificate the CA did not sign, or with none, is refused",
  ignore: !pki,
  fn: async () => {
    await using controller = new Controller({
      listen: { hostname: "127.0.0.1", port: 0 },
      tls: { ...pki!.controller, ca: pki!.ca },
    });
    const [{ port }] = await controller.listening;
    for (const client of [pki!.rogue, undefined]) {
      const conn = await Deno.connectTls({
        hostname: "127.0.0.1",
        port,
        caCerts: [pki!.ca],
        ...client,
      });
      const outcome = await (async () => {
        try {
          await conn.handshake();
          await conn.write(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 1]));
          return await conn.read(new Uint8Array(64));
        } catch (e) {
          return e;
        } finally {
          conn.close();
        }
      })();
      assert.ok(outcome === null || outcome instanceof Error, `refused, got ${outcome}`);
    }
    const err = await controller.connect({ timeout: 100 }).catch((e) => e);
    assert.ok(err instanceof WaitTimeoutError);
    assert.equal(controller.counters.received, 0);
  },
});

Deno.test({
  name: "tls: active mode dials with its certificate and verifies the switch's against the CA",
  ignore: !pki,
  fn: async () => {
    const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, ...pki!.switch });
    const port = listener.addr.port;
    try {
      await using controller = new Controller({
        switch: { hostname: "127.0.0.1", port },
        tls: { ...pki!.controller, ca: pki!.ca },
      });
      const sw = new ScriptedSwitch(await listener.accept());
      await sw.handshake(8n);
      assert.equal((await controller.connect()).datapathId, 8n);
      await sw.close();
    } finally {
      listener.close();
    }
  },
});

Deno.test({
  name: "tls: active mode refuses a switch whose certificate the CA did not sign",
  ignore: !pki,
  fn: async () => {
    const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, ...pki!.rogue });
    const port = listener.addr.port;
    const accepting = (async () => {
      try {
        const c = await listener.accept();
        await c.handshake().catch(() => {});
        c.close();
      } catch { /* listener closed */ }
    })();
    try {
      await using controller = new Controller({
        switch: { hostname: "127.0.0.1", port },
        retry: { attempts: 1 },
        tls: { ...pki!.controller, ca: pki!.ca },
      });
      const err = await controller.connect({ timeout: 2000 }).catch((e) => e);
      assert.ok(err instanceof ConnectionClosedError);
      assert.match(err.message, /Cannot connect to the switch/);
    } finally {
      listener.close();
      await accepting;
    }
  },
});

Deno.test({
  name: "tls: verifyHostname false accepts a CA-signed switch certificate that names no host",
  ignore: !pki,
  fn: async () => {
    const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, ...pki!.nameless });
    const port = listener.addr.port;
    try {
      {
        const accepted = listener.accept();
        await using strict = new Controller({
          switch: { hostname: "127.0.0.1", port },
          retry: { attempts: 1 },
          tls: { ...pki!.controller, ca: pki!.ca },
        });
        const err = await strict.connect({ timeout: 2000 }).catch((e) => e);
        assert.ok(err instanceof ConnectionClosedError, "the name check refuses it by default");
        const c = await accepted;
        await c.handshake().catch(() => {});
        c.close();
      }
      await using relaxed = new Controller({
        switch: { hostname: "127.0.0.1", port },
        tls: { ...pki!.controller, ca: pki!.ca, verifyHostname: false },
      });
      const sw = new ScriptedSwitch(await listener.accept());
      await sw.handshake(7n);
      assert.equal((await relaxed.connect()).datapathId, 7n);
      await sw.close();
    } finally {
      listener.close();
    }
  },
});

Deno.test({
  name:
    "tls: a plain TCP client that never starts a TLS handshake is dropped after handshakeTimeout",
  ignore: !pki,
  fn: async () => {
    await using controller = new Controller({
      listen: { hostname: "127.0.0.1", port: 0 },
      tls: { ...pki!.controller, ca: pki!.ca },
      handshakeTimeout: 300,
    });
    const [{ port }] = await controller.listening;
    const plain = await Deno.connect({ hostname: "127.0.0.1", port });
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      plain.read(new Uint8Array(64)).catch((e) => e),
      new Promise((r) => (timer = setTimeout(() => r("still open"), 3000))),
    ]);
    clearTimeout(timer);
    plain.close();
    assert.ok(outcome === null || outcome instanceof Error, `dropped, got ${outcome}`);
    assert.ok(performance.now() - t0 >= 250, "not before handshakeTimeout");
  },
});

Deno.test({
  name: "tls: garbage or mismatched PEM is refused at `listening` with a clear error",
  ignore: !pki,
  fn: async (t) => {
    const cases = [
      [
        "a certificate that does not parse",
        { ...pki!.controller, cert: "garbage", ca: pki!.ca },
        /tls\.cert/,
      ],
      [
        "a key that does not parse",
        { ...pki!.controller, key: "garbage", ca: pki!.ca },
        /tls\.key/,
      ],
      ["a key that is not the certificate's", {
        cert: pki!.controller.cert,
        key: pki!.rogue.key,
        ca: pki!.ca,
      }, /tls\.key.*tls\.cert/],
      ["a CA that does not parse", { ...pki!.controller, ca: "garbage" }, /tls\.ca/],
    ] as const;
    for (const [name, tls, message] of cases) {
      await t.step(name, async () => {
        await using controller = new Controller({
          listen: { hostname: "127.0.0.1", port: 0 },
          tls,
        });
        const err = await controller.listening.catch((e) => e);
        assert.ok(err instanceof Error, `refused, got ${err}`);
        assert.equal(err.name, "TypeError");
        assert.match(err.message, message);
        await assert.rejects(controller.connect({ timeout: 1000 }), message);
      });
    }
  },
});
