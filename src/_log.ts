// LogTape category helper shared by the library: every logger lives under ["oftest", ...].
import { getLogger, type Logger } from "@logtape/logtape";

/** The logger for a sub-category of "oftest", e.g. `logger("controller")`. @internal */
export function logger(...category: string[]): Logger {
  return getLogger(["oftest", ...category]);
}
