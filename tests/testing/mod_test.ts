// The public surface of @oftest/oftest/testing: adding or removing an export is a decision.
import assert from "node:assert/strict";
import * as testing from "../../src/testing/mod.ts";

Deno.test({
  name: "@oftest/oftest/testing exports exactly its documented values",
  permissions: "none",
  fn: () => {
    assert.deepEqual(Object.keys(testing).sort(), [
      "DataPlane",
      "DataPlaneAssertionError",
      "MemoryTransport",
      "OvsCommandError",
      "OvsConfigError",
      "OvsNotFoundError",
      "OvsPortLink",
      "OvsSwitch",
      "SwitchAssertionError",
      "SwitchSession",
      "SwitchTestContext",
      "TesterLink",
      "aggregateStats",
      "chooseTarget",
      "flowStats",
      "groupDesc",
      "groupStats",
      "makeTestPki",
      "meterConfig",
      "meterStats",
      "packetInMismatch",
      "parsePortMap",
      "parseTarget",
      "portConfig",
      "portDesc",
      "portStats",
      "queueStats",
      "setPortConfig",
      "simpleArpPacket",
      "simpleEthPacket",
      "simpleIcmpPacket",
      "simpleIcmpv6Packet",
      "simpleIpv4Packet",
      "simpleSctpPacket",
      "simpleTcpPacket",
      "simpleTcpv6Packet",
      "simpleUdpPacket",
      "simpleUdpv6Packet",
      "statsEntries",
      "switchTest",
      "tableStats",
      "targetFromEnvironment",
    ]);
    for (const E of [testing.OvsCommandError, testing.OvsConfigError, testing.OvsNotFoundError]) {
      assert.ok(E.prototype instanceof Error);
    }
    assert.equal(new testing.OvsNotFoundError("ovs-ofctl").name, "OvsNotFoundError");
    assert.equal(new testing.OvsCommandError("x", [], 1, "").name, "OvsCommandError");
    assert.equal(new testing.OvsConfigError("m", { bridge: "br0" }).name, "OvsConfigError");
    assert.equal(new testing.DataPlaneAssertionError("m").name, "DataPlaneAssertionError");
    assert.equal(new testing.SwitchAssertionError("m").name, "SwitchAssertionError");
  },
});
