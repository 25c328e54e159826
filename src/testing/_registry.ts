// Every switch test declared with switchTest(), in declaration order, for the suite runner.
import type { SwitchTestContext } from "./context.ts";
import type { SessionVersion } from "./session.ts";
import type { TargetKind, TargetReason } from "./target.ts";

/** A declared switch test. @internal */
export interface SwitchTestDefinition {
  /** The test's name. */
  name: string;
  /** Its group (e.g. "basic"), for selection and reports. */
  group: string;
  /** Free tags, for selection. */
  tags: readonly string[];
  /** The versions it runs with. */
  versions: readonly SessionVersion[];
  /** Data ports it needs. */
  ports: number;
  /** Its deadline, in ms. */
  timeout: number;
  /** Why it is expected to fail (per target kind). */
  xfail: TargetReason | undefined;
  /** Why it is skipped (per target kind). */
  skip: TargetReason | undefined;
  /** Where it was declared (file URL and line), for reports. */
  location: string;
  /** The test. */
  fn: (t: SwitchTestContext) => void | Promise<void>;
}

const definitions: SwitchTestDefinition[] = [];

/** Adds a definition. @internal */
export function register(definition: SwitchTestDefinition): void {
  definitions.push(definition);
}

/** Every definition so far. @internal */
export function registeredTests(): readonly SwitchTestDefinition[] {
  return definitions;
}

/** The reason that applies to a target kind, if any. @internal */
export function reasonFor(reason: TargetReason | undefined, kind: TargetKind): string | undefined {
  return typeof reason === "string" ? reason : reason?.[kind];
}
