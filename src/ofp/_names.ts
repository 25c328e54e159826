// Number → name lookups over the `as const` tables, shared by both versions.

/** Reverse lookup of an `as const` table: number → first name with that value. */
export function inverse(table: Record<string, number>): Map<number, string> {
  const m = new Map<number, string>();
  for (const [k, v] of Object.entries(table)) if (!m.has(v)) m.set(v, k);
  return m;
}

/** The codes of each error type, keyed by type number, with their spec prefix. */
export type ErrorCodeTable = Readonly<
  Record<
    number,
    {
      /** Prefix of the codes' names, e.g. `"OFPBRC"`. */
      prefix: string;
      /** Code names (without the prefix) to numbers. */
      codes: Readonly<Record<string, number>>;
    }
  >
>;

/** The names of an error's type and code, where one version's tables know them. */
export interface KnownErrorNames {
  /** `"OFPET_BAD_REQUEST"`, or undefined for a type the tables do not name. */
  typeName: string | undefined;
  /** `"OFPBRC_BAD_LEN"`, or undefined for a code the tables do not name. */
  codeName: string | undefined;
}

/**
 * Builds `errorTypeName` and `errorName` for one version's tables (which fall back to
 * numbers), and `knownNames` (which says undefined instead).
 */
export function errorNamers(
  types: Record<string, number>,
  codes: ErrorCodeTable,
): {
  errorTypeName: (errType: number) => string;
  errorName: (errType: number, code: number) => string;
  knownNames: (errType: number, code: number) => KnownErrorNames;
} {
  const typeNames = inverse(types);
  const codeNames = new Map<number, Map<number, string>>(
    Object.entries(codes).map(([t, { prefix, codes }]) => [
      Number(t),
      new Map(Object.entries(codes).map(([name, code]) => [code, `${prefix}_${name}`])),
    ]),
  );
  return {
    errorTypeName: (errType) => `OFPET_${typeNames.get(errType) ?? errType}`,
    errorName: (errType, code) => codeNames.get(errType)?.get(code) ?? `OFPET_${errType}/${code}`,
    knownNames: (errType, code) => {
      const type = typeNames.get(errType);
      return {
        typeName: type === undefined ? undefined : `OFPET_${type}`,
        codeName: codeNames.get(errType)?.get(code),
      };
    },
  };
}
