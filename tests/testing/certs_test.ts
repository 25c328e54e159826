import assert from "node:assert/strict";
import { makeTestPki } from "../../src/testing/mod.ts";
import { peerTest, which } from "../_util/peers.ts";

async function verify(ca: string, cert: string): Promise<boolean> {
  const out = await new Deno.Command(which("openssl")!, {
    args: ["verify", "-CAfile", ca, cert],
    stdout: "null",
    stderr: "null",
  }).output();
  return out.success;
}

peerTest(
  "makeTestPki: CA-signed identities verify, the rogue one does not",
  ["openssl"],
  async () => {
    const pki = await makeTestPki();
    try {
      assert.ok(await verify(pki.ca.certFile, pki.controller.certFile));
      assert.ok(await verify(pki.ca.certFile, pki.switch.certFile));
      assert.equal(await verify(pki.ca.certFile, pki.rogue.certFile), false);
      assert.match(pki.switch.cert, /^-----BEGIN CERTIFICATE-----/);
      assert.match(pki.switch.key, /PRIVATE KEY-----/);
    } finally {
      await pki[Symbol.asyncDispose]();
    }
    await assert.rejects(() => Deno.stat(pki.dir), Deno.errors.NotFound);
  },
);
