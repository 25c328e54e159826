// Tests that need something outside the repo (the shared corpus, ovs-ofctl, a real Open
// vSwitch, tshark) are declared through `peerTest`: where the peer is missing they are
// reported as ignored by name, unless OFTEST_REQUIRE_PEERS=1 (CI), where they fail instead.

/** True when CI demands every peer: missing → fail, not skip. */
export const PEERS_REQUIRED: boolean = Deno.env.get("OFTEST_REQUIRE_PEERS") === "1";

/** `../shared/corpus` beside the checkout. */
export const CORPUS_DIR: string = new URL("../../../shared/corpus/", import.meta.url).pathname;

/** Something a test can need from outside the repo. */
export type Peer = "corpus" | "ovs-ofctl" | "ovs" | "tshark" | "ovs-testcontroller" | "openssl";

const BINARIES: Record<Exclude<Peer, "corpus">, string[]> = {
  "ovs-ofctl": ["ovs-ofctl"],
  "ovs": ["ovs-vswitchd", "ovsdb-server", "ovs-vsctl", "ovs-appctl", "ovsdb-tool", "ovs-ofctl"],
  "tshark": ["tshark"],
  "ovs-testcontroller": ["ovs-testcontroller"],
  "openssl": ["openssl"],
};

/** Finds an executable on PATH (or the sbin directories Debian installs OVS daemons to). */
export function which(name: string): string | undefined {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").concat(["/usr/sbin", "/sbin"]);
  for (const dir of dirs) {
    if (!dir) continue;
    try {
      const path = `${dir}/${name}`;
      if (Deno.statSync(path).isFile) return path;
    } catch { /* not here */ }
  }
  return undefined;
}

/** Whether a peer is present on this machine. */
export function hasPeer(peer: Peer): boolean {
  if (peer === "corpus") {
    try {
      return Deno.statSync(`${CORPUS_DIR}ryu/of13`).isDirectory;
    } catch {
      return false;
    }
  }
  return BINARIES[peer].every((b) => which(b) !== undefined);
}

/**
 * Registers a test that needs `peers`. Missing peers → ignored (by name), or, when
 * OFTEST_REQUIRE_PEERS=1, a failing test that names what is missing.
 */
export function peerTest(
  name: string,
  peers: Peer[],
  fn: (t: Deno.TestContext) => void | Promise<void>,
  options: Omit<Deno.TestDefinition, "name" | "fn" | "ignore"> = {},
): void {
  const missing = peers.filter((p) => !hasPeer(p));
  if (missing.length === 0) {
    Deno.test({ ...options, name, fn });
  } else if (PEERS_REQUIRED) {
    Deno.test(name, () => {
      throw new Error(`Required peer missing: ${missing.join(", ")} (OFTEST_REQUIRE_PEERS=1)`);
    });
  } else {
    Deno.test({ name: `${name} (needs ${missing.join(", ")})`, ignore: true, fn });
  }
}
