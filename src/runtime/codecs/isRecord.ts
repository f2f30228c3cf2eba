/** True for an object used as a record of named members: not null, an array, a typed array, a Map or a Set. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && !ArrayBuffer.isView(value) && !(value instanceof Map) && !(value instanceof Set)
  );
}
