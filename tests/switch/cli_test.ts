// The switch CLI as its own process: it dials our Controller, and its data ports are unix
// sockets with Open vSwitch's 2-byte length framing.
import assert from "node:assert/strict";
import { Controller } from "../../src/controller/mod.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { tcp4 } from "./_frames.ts";

const CLI = new URL("../../src/switch/cli.ts", import.meta.url).pathname;

function run(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-read", "--allow-write", CLI, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
}

async function readFramed(conn: Deno.UnixConn): Promise<Uint8Array> {
  const head = new Uint8Array(2);
  for (let got = 0; got < 2;) got += (await conn.read(head.subarray(got))) ?? assert.fail("closed");
  const frame = new Uint8Array((head[0] << 8) | head[1]);
  for (let got = 0; got < frame.length;) {
    got += (await conn.read(frame.subarray(got))) ?? assert.fail("closed");
  }
  return frame;
}

Deno.test("cli: usage errors exit 2; --help exits 0", async () => {
  const none = await run([]).output();
  assert.equal(none.code, 2);
  assert.match(new TextDecoder().decode(none.stderr), /give --connect or --listen/);
  const help = await run(["--help"]).output();
  assert.equal(help.code, 0);
  assert.match(new TextDecoder().decode(help.stdout), /Usage: deno task switch/);
});

Deno.test("cli: a switch process forwards frames between its port sockets as told", async () => {
  await using controller = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    versions: [4],
  });
  const [{ port }] = await controller.listening;
  const dir = await Deno.makeTempDir({ prefix: "oftest-sw-" });
  const child = run([
    "--connect",
    `127.0.0.1:${port}`,
    "--ports",
    "2",
    "--dpid",
    "0x99",
    "--port-sockets",
    dir,
  ]);
  const p1: Deno.UnixConn[] = [];
  try {
    const conn = await controller.connect({ timeout: 10_000 });
    assert.equal(conn.datapathId, 0x99n);
    conn.send(
      of13.flowMod({
        match: of13.match({ in_port: 1 }),
        instructions: [of13.applyActions([of13.output(2)])],
      }),
    );
    await conn.barrier();
    const a = await Deno.connect({ transport: "unix", path: `${dir}/p1.sock` });
    const b = await Deno.connect({ transport: "unix", path: `${dir}/p2.sock` });
    p1.push(a, b);
    await new Promise((r) => setTimeout(r, 50)); // let the switch take both clients
    const frame = tcp4();
    const framed = new Uint8Array(frame.length + 2);
    framed.set([frame.length >> 8, frame.length & 0xff]);
    framed.set(frame, 2);
    await a.write(framed);
    assert.deepEqual(await readFramed(b), frame);
  } finally {
    for (const c of p1) c.close();
    child.kill("SIGTERM");
    const { code, stdout } = await child.output();
    await Deno.remove(dir, { recursive: true });
    assert.equal(code, 0);
    assert.match(new TextDecoder().decode(stdout), /datapath 0x0000000000000099, ports 1,2/);
  }
});
