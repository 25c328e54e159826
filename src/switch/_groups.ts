// The group table: ALL, SELECT, INDIRECT and FAST_FAILOVER groups, bucket liveness through
// watched ports and groups, chaining with loop detection, and per-group and per-bucket counters.
import { of13 } from "../ofp/mod.ts";
import type { Of13Bucket, Of13GroupMod } from "../ofp/mod.ts";
import { type Act, type ActionEnv, compileActions13, groupsOf } from "./_actions.ts";
import { refuse } from "./_refusal.ts";

const { OFPGT, OFPGC, OFPG, OFPP } = of13;

/** Most groups of each type. */
export const MAX_GROUPS = 4096;
/** Most buckets in a group. */
export const MAX_BUCKETS = 64;

/** A bucket and its counters. */
export interface Bucket {
  wire: Of13Bucket;
  acts: Act[];
  packets: number;
  bytes: number;
}

/** A group and its counters. */
export interface Group {
  id: number;
  type: number;
  buckets: Bucket[];
  packets: number;
  bytes: number;
  created: number;
}

/** What the group table needs from the switch. */
export interface GroupEnv extends ActionEnv {
  /** Whether a port is live (for watched ports). */
  portLive(port: number): boolean;
}

/** The groups of the switch. */
export class GroupTable {
  readonly groups: Map<number, Group> = new Map();

  /** Whether a group exists. */
  has(id: number): boolean {
    return this.groups.has(id);
  }

  /**
   * Applies a GROUP_MOD (OpenFlow 1.3 §6.7).
   *
   * @returns The ids of deleted groups (their flows must go too).
   * @throws {Refusal} OFPET_GROUP_MOD_FAILED or OFPET_BAD_ACTION.
   */
  apply(msg: Of13GroupMod, env: GroupEnv, now: number): number[] {
    switch (msg.command) {
      case OFPGC.ADD:
      case OFPGC.MODIFY: {
        if (msg.groupId > OFPG.MAX) {
          throw refuse("GROUP_MOD_FAILED", "INVALID_GROUP", `Group id ${msg.groupId} is reserved`);
        }
        const exists = this.groups.has(msg.groupId);
        if (msg.command === OFPGC.ADD && exists) {
          throw refuse("GROUP_MOD_FAILED", "GROUP_EXISTS", `Group ${msg.groupId} already exists`);
        }
        if (msg.command === OFPGC.MODIFY && !exists) {
          throw refuse("GROUP_MOD_FAILED", "UNKNOWN_GROUP", `Group ${msg.groupId} does not exist`);
        }
        const group = this.#build(msg, env, now);
        const old = this.groups.get(msg.groupId);
        if (old && old.type === group.type) {
          group.packets = old.packets;
          group.bytes = old.bytes;
          group.created = old.created;
        }
        this.groups.set(msg.groupId, group);
        return [];
      }
      case OFPGC.DELETE: {
        const ids = msg.groupId === OFPG.ALL ? [...this.groups.keys()] : [msg.groupId];
        const gone = ids.filter((id) => this.groups.has(id));
        if (msg.groupId !== OFPG.ALL) {
          for (const g of this.groups.values()) {
            if (
              g.id !== msg.groupId && g.buckets.some((b) => groupsOf(b.acts).includes(msg.groupId))
            ) {
              throw refuse(
                "GROUP_MOD_FAILED",
                "CHAINED_GROUP",
                `Group ${msg.groupId} is still the target of group ${g.id}`,
              );
            }
          }
        }
        for (const id of gone) this.groups.delete(id);
        return gone;
      }
      default:
        throw refuse("GROUP_MOD_FAILED", "BAD_COMMAND", `Group command ${msg.command} is unknown`);
    }
  }

  #build(msg: Of13GroupMod, env: GroupEnv, now: number): Group {
    const type = msg.groupType;
    if (
      type !== OFPGT.ALL && type !== OFPGT.SELECT && type !== OFPGT.INDIRECT && type !== OFPGT.FF
    ) {
      throw refuse("GROUP_MOD_FAILED", "BAD_TYPE", `Group type ${type} is unknown`);
    }
    if (msg.buckets.length > MAX_BUCKETS) {
      throw refuse(
        "GROUP_MOD_FAILED",
        "OUT_OF_BUCKETS",
        `${msg.buckets.length} buckets, at most ${MAX_BUCKETS}`,
      );
    }
    if (type === OFPGT.INDIRECT && msg.buckets.length !== 1) {
      throw refuse(
        "GROUP_MOD_FAILED",
        "INVALID_GROUP",
        `An indirect group has exactly one bucket, got ${msg.buckets.length}`,
      );
    }
    let typeCount = 0;
    for (const g of this.groups.values()) if (g.type === type && g.id !== msg.groupId) typeCount++;
    if (typeCount >= MAX_GROUPS) {
      throw refuse(
        "GROUP_MOD_FAILED",
        "OUT_OF_GROUPS",
        `Already ${MAX_GROUPS} groups of type ${type}`,
      );
    }
    const buckets = msg.buckets.map((b): Bucket => {
      if (type === OFPGT.FF && b.watchPort === OFPP.ANY && b.watchGroup === OFPG.ANY) {
        throw refuse(
          "GROUP_MOD_FAILED",
          "BAD_WATCH",
          "A fast-failover bucket watches no port or group",
        );
      }
      if (b.watchPort !== OFPP.ANY && !(b.watchPort <= OFPP.MAX && env.hasPort(b.watchPort))) {
        throw refuse("GROUP_MOD_FAILED", "BAD_WATCH", `Watched port ${b.watchPort} does not exist`);
      }
      if (b.watchGroup !== OFPG.ANY && !this.groups.has(b.watchGroup)) {
        throw refuse(
          "GROUP_MOD_FAILED",
          "BAD_WATCH",
          `Watched group ${b.watchGroup} does not exist`,
        );
      }
      const acts = compileActions13(b.actions, env, undefined);
      return { wire: b, acts, packets: 0, bytes: 0 };
    });
    // Chaining: no group this one sends to (directly or not) may send back to it.
    for (const b of buckets) {
      for (const target of groupsOf(b.acts)) {
        if (target === msg.groupId || this.#reaches(target, msg.groupId, new Set())) {
          throw refuse(
            "GROUP_MOD_FAILED",
            "LOOP",
            `Group ${msg.groupId} would forward to itself through ${target}`,
          );
        }
      }
    }
    return { id: msg.groupId, type, buckets, packets: 0, bytes: 0, created: now };
  }

  #reaches(from: number, to: number, seen: Set<number>): boolean {
    if (seen.has(from)) return false;
    seen.add(from);
    const g = this.groups.get(from);
    if (!g) return false;
    return g.buckets.some((b) =>
      groupsOf(b.acts).some((t) => t === to || this.#reaches(t, to, seen))
    );
  }

  /** Whether a bucket is live: its watched port and group (if any) are live. */
  bucketLive(b: Bucket, env: GroupEnv, depth = 0): boolean {
    const { watchPort, watchGroup } = b.wire;
    if (watchPort !== OFPP.ANY && !env.portLive(watchPort)) return false;
    if (watchGroup !== OFPG.ANY && !this.groupLive(watchGroup, env, depth + 1)) return false;
    return true;
  }

  /** Whether a group is live: at least one of its buckets is. */
  groupLive(id: number, env: GroupEnv, depth = 0): boolean {
    const g = this.groups.get(id);
    if (!g || depth > 32) return false;
    return g.buckets.some((b) => this.bucketLive(b, env, depth));
  }

  /**
   * The buckets a packet goes through: every bucket (ALL), the one bucket (INDIRECT), the
   * first live one (FAST_FAILOVER), or one live bucket chosen by weight from the packet's
   * hash (SELECT).
   */
  choose(g: Group, hash: number, env: GroupEnv): Bucket[] {
    switch (g.type) {
      case OFPGT.ALL:
        return g.buckets;
      case OFPGT.INDIRECT:
        return g.buckets.slice(0, 1);
      case OFPGT.FF: {
        const live = g.buckets.find((b) => this.bucketLive(b, env));
        return live ? [live] : [];
      }
      default: {
        const live = g.buckets.filter((b) => b.wire.weight > 0 && this.bucketLive(b, env));
        const total = live.reduce((s, b) => s + b.wire.weight, 0);
        if (total === 0) return [];
        let pick = (hash >>> 0) % total;
        for (const b of live) {
          if (pick < b.wire.weight) return [b];
          pick -= b.wire.weight;
        }
        return [];
      }
    }
  }
}
