/**
 * Certificates for TLS tests, made with the `openssl` CLI in a temporary directory: a CA,
 * a controller and a switch certificate it signed, and certificates a correctly configured
 * peer must refuse: one signed by an unrelated CA, one self-signed.
 *
 * @module
 */
import { findBinary } from "./_exec.ts";
import { OvsCommandError, OvsNotFoundError } from "./errors.ts";

/** One key pair: file paths and PEM text. */
export interface TestIdentity {
  /** Path of the PEM certificate. */
  certFile: string;
  /** Path of the PEM private key. */
  keyFile: string;
  /** The PEM certificate. */
  cert: string;
  /** The PEM private key. */
  key: string;
}

/** The certificates made by {@linkcode makeTestPki}. Dispose to remove them (idempotent). */
export interface TestPki extends AsyncDisposable {
  /** The directory holding every file. */
  dir: string;
  /** The CA both sides trust. */
  ca: TestIdentity;
  /** The controller's identity, signed by `ca` (CN and SAN localhost / 127.0.0.1). */
  controller: TestIdentity;
  /** The switch's identity, signed by `ca`. */
  switch: TestIdentity;
  /** A switch identity signed by an unrelated CA: must be refused. */
  rogue: TestIdentity;
  /** Self-signed (its own issuer, CN and SAN localhost / 127.0.0.1): must be refused. */
  selfSigned: TestIdentity;
  /** Signed by `ca` but naming no host (CN only, no SAN), as `ovs-pki` switch certificates. */
  nameless: TestIdentity;
}

/**
 * Makes a fresh test PKI (EC P-256 keys, valid for two days).
 *
 * @param path Where to look for `openssl` (PATH syntax). Default: PATH.
 * @returns The identities; dispose to delete them.
 * @throws {OvsNotFoundError} If `openssl` is not installed.
 * @throws {OvsCommandError} If `openssl` fails.
 *
 * @example
 * ```ts ignore
 * await using pki = await makeTestPki();
 * const tls = { cert: pki.controller.cert, key: pki.controller.key, ca: pki.ca.cert };
 * ```
 */
export async function makeTestPki(path: string = Deno.env.get("PATH") ?? ""): Promise<TestPki> {
  const openssl = findBinary("openssl", path);
  if (!openssl) throw new OvsNotFoundError("openssl", { searchPath: path });
  const dir = await Deno.makeTempDir({ prefix: "oftest-pki-" });
  const remove = () =>
    Deno.remove(dir, { recursive: true }).catch((e) => {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    });
  try {
    const run = async (...args: string[]) => {
      const out = await new Deno.Command(openssl, {
        args,
        cwd: dir,
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      })
        .output();
      if (!out.success) {
        throw new OvsCommandError(openssl, args, out.code, new TextDecoder().decode(out.stderr));
      }
    };
    const newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    await Deno.writeTextFile(
      `${dir}/leaf.cnf`,
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    );
    await Deno.writeTextFile(`${dir}/plain.cnf`, "basicConstraints=CA:FALSE\n");
    for (const ca of ["ca", "rogue-ca"]) {
      await run(
        "req",
        "-x509",
        ...newKey,
        "-days",
        "2",
        "-keyout",
        `${ca}.key`,
        "-out",
        `${ca}.crt`,
        "-subj",
        `/CN=oftest ${ca}`,
      );
    }
    await run(
      "req",
      "-x509",
      ...newKey,
      "-days",
      "2",
      "-keyout",
      "self-signed.key",
      "-out",
      "self-signed.crt",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-addext",
      "basicConstraints=critical,CA:FALSE",
    );
    for (
      const [name, ca, cn, ext] of [
        ["controller", "ca", "localhost", "leaf.cnf"],
        ["switch", "ca", "localhost", "leaf.cnf"],
        ["rogue", "rogue-ca", "localhost", "leaf.cnf"],
        ["nameless", "ca", "switch 0x7", "plain.cnf"],
      ]
    ) {
      await run(
        "req",
        ...newKey,
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
        "-subj",
        `/CN=${cn}`,
      );
      await run(
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
        ext,
      );
    }
    const identity = async (name: string): Promise<TestIdentity> => ({
      certFile: `${dir}/${name}.crt`,
      keyFile: `${dir}/${name}.key`,
      cert: await Deno.readTextFile(`${dir}/${name}.crt`),
      key: await Deno.readTextFile(`${dir}/${name}.key`),
    });
    return {
      dir,
      ca: await identity("ca"),
      controller: await identity("controller"),
      switch: await identity("switch"),
      rogue: await identity("rogue"),
      nameless: await identity("nameless"),
      selfSigned: await identity("self-signed"),
      [Symbol.asyncDispose]: remove,
    };
  } catch (e) {
    await remove();
    throw e;
  }
}
