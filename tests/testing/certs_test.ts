import assert from "node:assert/strict";
import { makeTestPki, OvsNotFoundError } from "../../src/testing/mod.ts";
import { peerTest, which } from "../_util/peers.ts";

/** `openssl verify -CAfile ca cert`: whether it accepts, and what it said. */
async function verify(ca: string, cert: string): Promise<{ ok: boolean; text: string }> {
  const out = await new Deno.Command(which("openssl")!, {
    args: ["verify", "-CAfile", ca, cert],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return { ok: out.success, text };
}

peerTest(
  "makeTestPki: CA-signed identities verify; the rogue and self-signed ones do not",
  ["openssl"],
  async () => {
    const pki = await makeTestPki();
    try {
      const ca = pki.ca.certFile;
      for (const id of [pki.controller, pki.switch, pki.nameless]) {
        const got = await verify(ca, id.certFile);
        assert.ok(got.ok, got.text);
      }
      const rogue = await verify(ca, pki.rogue.certFile);
      assert.equal(rogue.ok, false);
      assert.match(rogue.text, /unable to get local issuer certificate/);
      const self = await verify(ca, pki.selfSigned.certFile);
      assert.equal(self.ok, false);
      assert.match(self.text, /self[- ]signed certificate/);
      for (const id of [pki.ca, pki.controller, pki.switch, pki.rogue, pki.selfSigned]) {
        assert.match(id.cert, /^-----BEGIN CERTIFICATE-----/);
        assert.match(id.key, /PRIVATE KEY-----/);
        assert.equal(await Deno.readTextFile(id.certFile), id.cert);
      }
    } finally {
      await pki[Symbol.asyncDispose]();
    }
    await assert.rejects(() => Deno.stat(pki.dir), Deno.errors.NotFound);
    await pki[Symbol.asyncDispose](); // idempotent
  },
);

Deno.test({
  name: "makeTestPki: without openssl, the error names the package and install command",
  permissions: { read: true, env: true },
  fn: async () => {
    const err = await makeTestPki("/nonexistent-oftest-dir").then(
      () => assert.fail("made a PKI without openssl"),
      (e) => e,
    );
    assert.ok(err instanceof OvsNotFoundError);
    assert.equal(err.binary, "openssl");
    assert.equal(err.package, "openssl");
    assert.equal(err.installCommand, "apt-get install -y --no-install-recommends openssl");
    assert.equal(err.searchPath, "/nonexistent-oftest-dir");
  },
});
