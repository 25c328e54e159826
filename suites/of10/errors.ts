// OpenFlow 1.0 request errors (1.0.0 §5.4.4): unknown message types, vendors and bad
// lengths are refused with their type and code, the error carries the start of the request,
// and the connection goes on.
import assert from "node:assert/strict";
import { encode, of10 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { flow, flowCount, to } from "./_util.ts";

const group = "errors";
const opts = { version: 1, group } as const;
const { BAD_REQUEST } = of10.OFPET;

switchTest(
  "an unknown message type: OFPBRC_BAD_TYPE, with the request in the data",
  opts,
  async (t) => {
    const request = new Uint8Array(16);
    const v = new DataView(request.buffer);
    v.setUint8(0, 1);
    v.setUint8(1, 0x60);
    v.setUint16(2, 16);
    v.setUint32(4, t.conn.nextXid());
    const error = await t.verifyError(request, { type: BAD_REQUEST, code: of10.OFPBRC.BAD_TYPE });
    assert.deepEqual(error.data.subarray(0, 8), request.subarray(0, 8));
    const reply = await t.conn.echo(new Uint8Array([9]));
    assert.equal(reply.type, "ECHO_REPLY", "the connection goes on");
  },
);

switchTest("a vendor message of an unknown vendor: OFPBRC_BAD_VENDOR", opts, async (t) => {
  await t.verifyError(
    of10.vendorMessage(0x00fe_dcba, new Uint8Array(8)),
    { type: BAD_REQUEST, code: of10.OFPBRC.BAD_VENDOR },
  );
});

switchTest("a FLOW_MOD cut short of its fixed part: OFPBRC_BAD_LEN", opts, async (t) => {
  const full = encode({ ...of10.flowMod(), xid: t.conn.nextXid() }).slice();
  const cut = full.slice(0, 48);
  new DataView(cut.buffer).setUint16(2, 48);
  await t.verifyError(cut, { type: BAD_REQUEST, code: of10.OFPBRC.BAD_LEN });
  assert.equal(await flowCount(t), 0);
});

switchTest("a PACKET_OUT whose actions run past its end: OFPBRC_BAD_LEN", opts, async (t) => {
  const msg = encode({ ...of10.packetOut({ actions: to(t.ports[0]) }), xid: t.conn.nextXid() })
    .slice();
  new DataView(msg.buffer).setUint16(14, 64); // actions_len beyond the message
  await t.verifyError(msg, { type: BAD_REQUEST, code: of10.OFPBRC.BAD_LEN });
});

switchTest("a refused request leaves the next ones working", opts, async (t) => {
  const [a] = t.ports;
  await t.verifyError(flow({}, to(a), { command: 7 }), {
    type: of10.OFPET.FLOW_MOD_FAILED,
    code: of10.OFPFMFC.BAD_COMMAND,
  });
  await t.install(flow({ inPort: a }, to(a)));
  assert.equal(await flowCount(t), 1);
});

// 1.0.0 §5.4.4: OFPBRC_BAD_VERSION, "ofp_header.version not supported".
switchTest("a message of a version not negotiated: OFPBRC_BAD_VERSION", opts, async (t) => {
  const barrier13 = new Uint8Array([4, 20, 0, 8, 0, 0, 0, 0]); // an OpenFlow 1.3 BARRIER_REQUEST
  await t.verifyError(barrier13, { type: BAD_REQUEST, code: of10.OFPBRC.BAD_VERSION });
  assert.equal(t.conn.isClosed, false, "the connection stays up");
});
