// The worker is found through import.meta.url, not the working directory: a script in a
// temporary directory imports the package's mod.ts by file URL (as a URL or JSR importer
// would) and runs a Controller that must answer a HELLO over TCP.
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url);

Deno.test("package: mod.ts imported from another directory starts its socket worker", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oftest-pkg-" });
  try {
    // The consumer's own import map supplies the package's one dependency, as JSR would.
    await Deno.writeTextFile(
      `${dir}/deno.json`,
      JSON.stringify({ imports: { "@logtape/logtape": "npm:@logtape/logtape@^2.4.2" } }),
    );
    await Deno.writeTextFile(
      `${dir}/main.ts`,
      `import { Controller } from ${JSON.stringify(new URL("mod.ts", root).href)};
await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 }, features: true });
const [{ port }] = await controller.listening;
const conn = await Deno.connect({ hostname: "127.0.0.1", port });
await conn.write(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 1]));
const got: number[] = [];
const buf = new Uint8Array(64);
while (got.length < 24) {
  const n = await conn.read(buf);
  if (n === null) break;
  got.push(...buf.subarray(0, n));
}
conn.close();
console.log(JSON.stringify({ cwd: Deno.cwd(), got }));
`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", "main.ts"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const result = JSON.parse(new TextDecoder().decode(out.stdout));
    assert.equal(await Deno.realPath(result.cwd), await Deno.realPath(dir));
    assert.deepEqual(result.got.slice(0, 2), [4, 0], "the controller's HELLO");
    assert.deepEqual(result.got.slice(16, 20), [4, 5, 0, 8], "then FEATURES_REQUEST in 1.3");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
