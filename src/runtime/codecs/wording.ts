/** Small helpers that word the codecs' messages the same way everywhere. */

/**
 * The kind of a value, for messages: `Float64Array`, `string[]`, `number`, `null`. An array's
 * element type is named from its first element.
 */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (Array.isArray(value)) return value.length === 0 ? "an empty array" : `${typeof value[0]}[]`;
  if (typeof value === "object") return "an object";
  return typeof value;
}

/** `a Float64Array`, `an Int32Array`, `an object` (left as is), `null`. */
export function article(kind: string): string {
  if (kind.startsWith("an ") || kind === "null" || kind === "undefined") return kind;
  return /^[AEIOU]/i.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/** The first 30 characters of a string, with an ellipsis when cut. */
export function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

/** The sentence with its first letter upper case. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The phrase with its first letter lower case (to use a label inside a sentence). */
export function lower(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
