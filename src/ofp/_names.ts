// Number → name lookups over the `as const` tables, shared by both versions.

/** Reverse lookup of an `as const` table: number → first name with that value. */
export function inverse(table: Record<string, number>): Map<number, string> {
  const m = new Map<number, string>();
  for (const [k, v] of Object.entries(table)) if (!m.has(v)) m.set(v, k);
  return m;
}

/** Error codes of one error type, with their spec prefix (OFPBRC_, ...). */
export type ErrorCodeTable = Readonly<
  Record<number, { prefix: string; codes: Readonly<Record<string, number>> }>
>;

/** Builds `errorTypeName` and `errorName` for one version's tables. */
export function errorNamers(
  types: Record<string, number>,
  codes: ErrorCodeTable,
): {
  errorTypeName: (errType: number) => string;
  errorName: (errType: number, code: number) => string;
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
  };
}
