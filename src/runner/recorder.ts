/**
 * What the runner records around each test: the data-plane frames (a pcap per port with
 * `--pcap DIR`) and the OpenFlow messages exchanged (for the HTML report, and as a pcap of
 * the control channel with `--pcap DIR`).
 *
 * @module
 */
import { PcapWriter } from "../packet/mod.ts";
import type { DataPlaneRecord } from "../testing/dataplane.ts";
import type { SwitchSession } from "../testing/session.ts";
import type { TestResult } from "./result.ts";
import type { RunOptions, TestRecording } from "./run_suite.ts";
import { controlChannelPcap, tapMessages, type TappedMessage } from "./_message_tap.ts";

/** A file-name-safe form of a test's identity. */
function slug(result: Omit<TestResult, "status">): string {
  const base = `${result.version}-${result.group}-${result.name}`
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 120);
  return result.repetition > 1 ? `${base}-run${result.repetition}` : base;
}

/**
 * A recorder for {@linkcode RunOptions.recorder}: keeps the messages of every test for the
 * reports and, with `pcapDir`, writes per test `<test>-control.pcap` (the OpenFlow messages
 * as TCP segments between the controller and the switch) and `<test>-port<N>.pcap` (every
 * frame into or out of data port N).
 *
 * @param pcapDir Where to write pcaps (created if needed), or undefined for none.
 * @returns The recorder.
 */
export function recorder(pcapDir: string | undefined): NonNullable<RunOptions["recorder"]> {
  if (pcapDir) Deno.mkdirSync(pcapDir, { recursive: true });
  return (session: SwitchSession, result): TestRecording => {
    const start = performance.timeOrigin + performance.now();
    const frames: DataPlaneRecord[] = [];
    const stopFrames = pcapDir ? session.dataPlane.record((r) => frames.push(r)) : undefined;
    const messages: TappedMessage[] = [];
    const stopMessages = tapMessages(session.conn, (m) => messages.push(m));
    return {
      finish(done: TestResult): Promise<void> {
        stopFrames?.();
        stopMessages();
        done.messages = messages.map((m) => ({
          direction: m.direction,
          atMs: m.time - start,
          summary: m.summary,
        }));
        if (!pcapDir) return Promise.resolve();
        const written: string[] = [];
        const name = `${pcapDir}/${slug(result)}`;
        if (messages.length > 0) {
          Deno.writeFileSync(`${name}-control.pcap`, controlChannelPcap(session.conn, messages));
          written.push(`${name}-control.pcap`);
        }
        for (const port of new Set(frames.map((f) => f.port))) {
          const pcap = new PcapWriter({ precision: "nanosecond" });
          for (const f of frames) {
            if (f.port === port) pcap.write(f.frame, BigInt(Math.round(f.time * 1e6)));
          }
          Deno.writeFileSync(`${name}-port${port}.pcap`, pcap.bytes());
          written.push(`${name}-port${port}.pcap`);
        }
        done.pcaps = written;
        return Promise.resolve();
      },
    };
  };
}
