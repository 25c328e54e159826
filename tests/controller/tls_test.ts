// TLS with mutual authentication, passive and active, with certificates made by the openssl
// CLI at test time: a CA, a controller and a switch certificate it signed, and a rogue CA
// whose switch certificate must be refused.
import assert from "node:assert/strict";
import { ConnectionClosedError, Controller, WaitTimeoutError } from "../../src/controller/mod.ts";
import { which } from "../_util/peers.ts";
import { ScriptedSwitch } from "./_scripted_switch.ts";

const OPENSSL = which("openssl");

interface Pki {
  ca: string;
  controller: { cert: string; key: string };
  switch: { cert: string; key: string };
  rogue: { cert: string; key: string };
  /** Signed by the CA, naming no host (as `ovs-pki` switch certificates). */
  nameless: { cert: string; key: string };
}

async function run(cwd: string, ...args: string[]): Promise<void> {
  const out = await new Deno.Command(OPENSSL!, { args, cwd, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

async function makePki(): Promise<Pki> {
  const dir = await Deno.makeTempDir({ prefix: "oftest-tls-" });
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await Deno.writeTextFile(
      `${dir}/ext.cnf`,
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    );
    for (const ca of ["ca", "rogueca"]) {
      await run(
        dir,
        "req",
        "-x509",
        ...ec,
        "-keyout",
        `${ca}.key`,
        "-out",
        `${ca}.crt`,
        "-days",
        "2",
        "-subj",
        `/CN=${ca}`,
      );
    }
    for (const [name, ca] of [["controller", "ca"], ["switch", "ca"], ["rogue", "rogueca"]]) {
      await run(
        dir,
        "req",
        ...ec,
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
        "-subj",
        "/CN=localhost",
      );
      await run(
        dir,
        "x509",
        "-req",
        "-in",
        `${name}.csr`,
        "-CA",
        `${ca}.crt`,
        "-CAkey",
        `${ca}.key`,
        "-CAcreateserial",
        "-out",
        `${name}.crt`,
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
      );
    }
    await Deno.writeTextFile(`${dir}/plain.cnf`, "basicConstraints=CA:FALSE\n");
    await run(
      dir,
      "req",
      ...ec,
      "-keyout",
      "nameless.key",
      "-out",
      "nameless.csr",
      "-subj",
      "/CN=switch 0x7",
    );
    await run(
      dir,
      "x509",
      "-req",
      "-in",
      "nameless.csr",
      "-CA",
      "ca.crt",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "nameless.crt",
      "-days",
      "2",
      "-extfile",
      "plain.cnf",
    );
    const read = (f: string) => Deno.readTextFile(`${dir}/${f}`);
    const pair = async (n: string) => ({
      cert: await read(`${n}.crt`),
      key: await read(`${n}.key`),
    });
    return {
      ca: await read("ca.crt"),
      controller: await pair("controller"),
      switch: await pair("switch"),
      rogue: await pair("rogue"),
      nameless: await pair("nameless"),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const pki = OPENSSL ? await makePki() : undefined;

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
