// Names of OFPT_ERROR types and codes, per negotiated version, from the codec's tables.
import { OFP_ERROR_CODES as OF10_CODES, OFPET as OF10_TYPES } from "../ofp/v10/constants.ts";
import { OFP_ERROR_CODES as OF13_CODES, OFPET as OF13_TYPES } from "../ofp/v13/constants.ts";

/** The names of an error's type and code, when the version's tables know them. */
export interface ErrorNames {
  typeName: string | undefined;
  codeName: string | undefined;
}

const TABLES: Record<number, { types: Record<string, number>; codes: typeof OF13_CODES }> = {
  1: { types: OF10_TYPES, codes: OF10_CODES },
  4: { types: OF13_TYPES, codes: OF13_CODES },
};

/** Looks up the names of `errType`/`code` in the tables of OpenFlow `version`. */
export function errorNames(version: number, errType: number, code: number): ErrorNames {
  const table = TABLES[version];
  if (!table) return { typeName: undefined, codeName: undefined };
  const type = Object.entries(table.types).find(([, n]) => n === errType)?.[0];
  const codes = table.codes[errType];
  const codeName = codes && Object.entries(codes.codes).find(([, n]) => n === code)?.[0];
  return {
    typeName: type === undefined ? undefined : `OFPET_${type}`,
    codeName: codeName === undefined ? undefined : `${codes.prefix}_${codeName}`,
  };
}
