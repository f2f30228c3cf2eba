// The identity of a dflow build: a SHA-256 over package.json (version, dependencies) and every TypeScript
// source under src/ (path and bytes, in sorted order). scripts/build.mjs bakes it into the
// bundle, so caches keyed by it (the kernel index) are never read by another build.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** @param {string} root the checkout's root directory */
export function buildId(root = ".") {
  /** @type {string[]} */
  const files = [];
  /** @param {string} dir */
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".ts")) files.push(p);
    }
  };
  walk("src");
  files.sort();
  const h = createHash("sha256");
  h.update(readFileSync(join(root, "package.json")));
  h.update("\0");
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(root, f)));
    h.update("\0");
  }
  return h.digest("hex");
}
