// Names of OFPT_ERROR types and codes, per negotiated version, from the codec's tables.

/** The names of an error's type and code, when the version's tables know them. */
export interface ErrorNames {
  typeName: string | undefined;
  codeName: string | undefined;
}

/** Looks up the names of `errType`/`code` in the tables of OpenFlow `version`. */
export function errorNames(_version: number, _errType: number, _code: number): ErrorNames {
  return { typeName: undefined, codeName: undefined };
}
