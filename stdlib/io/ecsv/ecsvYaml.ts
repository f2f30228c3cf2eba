import type { ParseOptions, SchemaOptions, ToStringOptions } from "yaml";

/**
 * A YAML 1.1 float (the resolver PyYAML and so astropy use): a decimal point is required
 * and an exponent needs its sign, so `1e-17` is written `1.0e-17`.
 */
export function formatYamlFloat(x: number): string {
  if (Number.isNaN(x)) return ".nan";
  if (!Number.isFinite(x)) return x > 0 ? ".inf" : "-.inf";
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  const e = s.indexOf("e");
  if (e < 0) return s.includes(".") ? s : `${s}.0`;
  const mantissa = s.slice(0, e);
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}${s.slice(e)}`;
}

/**
 * A tag that claims every JavaScript number as a YAML float, ahead of the built-in int
 * tag, so whole floats keep their decimal point; bigints stay YAML integers.
 */
const floatTag = {
  identify: (v: unknown) => typeof v === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9.]*(?:[eE][-+][0-9]+)?$/,
  resolve: (s: string) => Number(s.replaceAll("_", "")),
  stringify: (node: { value: unknown }) => formatYamlFloat(Number(node.value)),
};

/** Options for parsing an ECSV header: YAML 1.1 as PyYAML reads it, integers as bigint. */
export const YAML_PARSE: ParseOptions & SchemaOptions = { schema: "yaml-1.1", intAsBigInt: true };

/** Options for building an ECSV header document (see {@link floatTag}). */
export const YAML_SCHEMA: SchemaOptions = { schema: "yaml-1.1", customTags: (tags) => [floatTag, ...tags] };

/** Options for printing an ECSV header: no line folding, and sequences and flow maps laid out as astropy does. */
export const YAML_PRINT: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indentSeq: false, flowCollectionPadding: false };

/** Converts YAML maps (astropy writes `meta` as `!!omap`) to plain objects when their keys are strings. */
export function plainYaml(value: unknown): unknown {
  if (value instanceof Map) {
    const entries = [...value.entries()];
    if (entries.every(([k]) => typeof k === "string")) return Object.fromEntries(entries.map(([k, v]) => [k, plainYaml(v)]));
    return new Map(entries.map(([k, v]) => [k, plainYaml(v)]));
  }
  if (Array.isArray(value)) return value.map(plainYaml);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainYaml(v)]));
  }
  return value;
}
