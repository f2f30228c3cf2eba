/** An impossible state reached: a bug in dflow, reported as an internal error (DF9001). */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** Asserts a condition that only a bug in dflow can break. */
export function invariant(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InternalError(message);
}
