import type { Gather, Handle } from "../kernel.js";

/** The handles of a gather as an array, in the gather's order. */
export async function gatherAll<T>(gather: Gather<T>): Promise<Handle<T>[]> {
  if (Array.isArray(gather)) return [...(gather as readonly Handle<T>[])];
  const out: Handle<T>[] = [];
  for await (const h of gather as AsyncIterable<Handle<T>>) out.push(h);
  return out;
}
