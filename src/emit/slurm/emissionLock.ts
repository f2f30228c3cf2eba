import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

/** The lock of an emission directory: a directory `ROOT/.lock`, made atomically by `mkdir`. */
export function lockPath(root: string): string {
  return path.join(root, ".lock");
}

/**
 * Runs `fn` holding the lock of the emission in `root`, so two follow-ups (`dflow continue` from
 * a continuation job, `dflow resubmit` by hand) never write the same submission. Returns
 * `{ held: true }` without running `fn` when another process holds it; the lock is released
 * whatever `fn` does.
 */
export async function withEmissionLock<T>(root: string, fn: () => Promise<T>): Promise<{ readonly held: true } | { readonly held: false; readonly value: T }> {
  const lock = lockPath(root);
  try {
    mkdirSync(lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return { held: true };
  }
  try {
    return { held: false, value: await fn() };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
