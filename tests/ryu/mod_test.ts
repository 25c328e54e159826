// The public surface of @oftest/oftest/ryu: adding or removing an export is a decision.
import assert from "node:assert/strict";
import * as ryu from "../../src/ryu/mod.ts";

Deno.test({
  name: "@oftest/oftest/ryu exports exactly its documented values",
  permissions: "none",
  fn: () => {
    assert.deepEqual(Object.keys(ryu).sort(), [
      "RYU_DEFAULT_PORTS",
      "RYU_PORT_NAMES",
      "RyuExpressionError",
      "RyuPacket",
      "RyuPatternError",
      "RyuTestbed",
      "formatResult",
      "formatSummary",
      "jsonReport",
      "junitSuites",
      "parsePatternFile",
      "patternVersionOf",
      "readPatternFile",
      "runPatternFile",
      "ryuPortByName",
      "skipPatternFile",
      "summarize",
    ]);
    for (const E of [ryu.RyuPatternError, ryu.RyuExpressionError]) {
      assert.ok(E.prototype instanceof Error);
    }
    const p = new ryu.RyuPatternError("d", { file: "f", path: "[1]" });
    assert.equal(p.name, "RyuPatternError");
    const x = new ryu.RyuExpressionError("d", { source: "s", column: 1 });
    assert.equal(x.name, "RyuExpressionError");
    assert.ok(Object.isFrozen(ryu.RYU_DEFAULT_PORTS));
  },
});
