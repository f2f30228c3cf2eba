/**
 * Physical units: parse them as astropy's generic and FITS formats write them, compare them
 * parsed (not as text), convert quantities, and name the resource dimensions the planner needs.
 */
export type { Unit } from "./Unit.js";
export { parseUnit, type ParseUnitResult } from "./parseUnit.js";
export { formatUnit } from "./formatUnit.js";
export { sameUnit, sameDimensions } from "./sameUnit.js";
export { convert, type ConvertResult } from "./convert.js";
export { describeDimensions } from "./describeDimensions.js";
export { isDuration, toSeconds } from "./toSeconds.js";
export { isDataSize, toBytes } from "./toBytes.js";
export { UNIT_DEFINITIONS, type UnitDefinition, type DimensionName, type PrefixSet } from "./unitDefinitions.js";
export { SI_PREFIXES, DATA_PREFIXES, type UnitPrefix } from "./prefixes.js";
export type { Scale } from "./Scale.js";
export { unitSpellings } from "./lookupUnitName.js";
