// The check behind `deno task check` that the published docs list every namespace member:
// shown to pass on a module that re-exports with `export *`, and to fail on one that
// re-exports by name (which deno doc drops) or exports a name twice.
import assert from "node:assert/strict";
import { checkDocExports } from "../../tools/check_doc_exports.ts";

const fixture = (name: string) => new URL(`./fixtures/doc_exports/${name}`, import.meta.url).href;

Deno.test("check_doc_exports: a namespace re-exported by name is missing from the docs", async () => {
  const r = await checkDocExports(fixture("bad_entry.ts"));
  assert.deepEqual(r.missing.sort(), ["named.alpha", "named.beta"]);
  assert.equal(r.checked, 2);
});

Deno.test("check_doc_exports: a name at the top level and in a namespace is reported", async () => {
  const r = await checkDocExports(fixture("good_entry.ts"));
  assert.deepEqual(r, { entry: fixture("good_entry.ts"), missing: [], twice: [], checked: 2 });
  const twice = await checkDocExports(fixture("twice_entry.ts"));
  assert.deepEqual(twice.twice, ["alpha (starred)"]);
});

Deno.test("check_doc_exports: the package's own entry points pass", async () => {
  for (const entry of ["mod.ts", "src/ofp/mod.ts", "src/testing/mod.ts"]) {
    const r = await checkDocExports(new URL(`../../${entry}`, import.meta.url).href);
    assert.deepEqual([r.missing, r.twice], [[], []], entry);
    if (entry !== "src/testing/mod.ts") assert.ok(r.checked > 200, `${entry}: ${r.checked}`);
  }
});
