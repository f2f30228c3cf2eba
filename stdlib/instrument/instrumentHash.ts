import { fmix32 } from "../math/index.js";
/**
 * A fixed pseudo-random number in [0, 1) for (`stream`, `a`, `b`): a hash, not a draw. The
 * instrument's per-fiber properties (throughput, line width, bad fibers) are facts about the
 * hardware, the same in every exposure and task, so they come from this and never from a task's
 * random stream.
 */
export function instrumentUniform(stream: number, a: number, b: number): number {
  const h1 = fmix32(Math.imul(stream + 0x9e3779b9, 0x01000193) ^ fmix32(a + 0x7f4a7c15));
  const h2 = fmix32(h1 ^ fmix32(b + 0x632be5ab));
  const h3 = fmix32(h2 + 0x1b873593);
  return (h2 * 2 ** 21 + (h3 >>> 11)) / 2 ** 53;
}

/** A fixed standard-normal number for (`stream`, `a`, `b`), by Box–Muller over two {@link instrumentUniform}s. */
export function instrumentNormal(stream: number, a: number, b: number): number {
  const u = instrumentUniform(stream, a, 2 * b);
  const v = instrumentUniform(stream, a, 2 * b + 1);
  return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
}
