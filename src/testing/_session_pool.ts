// One session per OpenFlow version for a whole run, opened on first use. A failed open is
// remembered, so every test of that version fails at once with its cause.
import { type SessionVersion, SwitchSession } from "./session.ts";
import type { TargetSpec } from "./target.ts";

/** Sessions by version, for one target. @internal */
export class SessionPool {
  readonly target: TargetSpec;
  readonly #sessions = new Map<SessionVersion, Promise<SwitchSession>>();

  constructor(target: TargetSpec) {
    this.target = target;
  }

  /** The session speaking `version`, opened on first use. */
  get(version: SessionVersion): Promise<SwitchSession> {
    let session = this.#sessions.get(version);
    if (!session) {
      session = SwitchSession.open(this.target, { version });
      session.catch(() => {}); // every caller sees the rejection; none is unhandled
      this.#sessions.set(version, session);
    }
    return session;
  }

  /** Closes the session of `version` (e.g. its switch went away) and opens a new one. */
  async renew(version: SessionVersion): Promise<SwitchSession> {
    const old = this.#sessions.get(version);
    this.#sessions.delete(version);
    await old?.then((s) => s.close(), () => {});
    return await this.get(version);
  }

  /** Closes every session opened. */
  async close(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    for (const s of await Promise.allSettled(sessions)) {
      if (s.status === "fulfilled") await s.value.close();
    }
  }
}
