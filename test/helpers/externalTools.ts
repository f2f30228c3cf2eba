/**
 * Locating the external validators the suite relies on (astropy, healpy, fitsverify,
 * shellcheck, make, …). A missing tool is a test failure whose message names the Debian
 * package to install; nothing is skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";

const pythonCache = new Map<string, string>();

/**
 * Returns a Python interpreter that imports every module in `modules`. Debian's
 * `python3-*` packages are seen by `/usr/bin/python3` only, so that one is tried first.
 * Throws an error naming the Debian packages when none does.
 */
export function findPython(modules: readonly string[], debianPackages: readonly string[]): string {
  const key = modules.join(",");
  const cached = pythonCache.get(key);
  if (cached !== undefined) return cached;
  const candidates = [process.env["DFLOW_PYTHON"], "/usr/bin/python3", "python3"].filter((c): c is string => c !== undefined && c !== "");
  for (const py of candidates) {
    const r = spawnSync(py, ["-c", modules.map((m) => `import ${m}`).join("; ")], { encoding: "utf8" });
    if (r.status === 0) {
      pythonCache.set(key, py);
      return py;
    }
  }
  throw new Error(
    `No Python interpreter imports ${modules.join(", ")}: install the Debian packages ` +
      `${debianPackages.join(" ")} (apt-get install ${debianPackages.join(" ")}).`,
  );
}

/** Returns the absolute path of `command`, or throws naming the Debian package that provides it. */
export function findTool(command: string, debianPackage: string): string {
  const r = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  const path = r.stdout.trim();
  if (r.status !== 0 || path === "") {
    throw new Error(`\`${command}\` was not found: install the Debian package ${debianPackage} (apt-get install ${debianPackage}).`);
  }
  return path;
}

/** Runs a Python script with the interpreter found by {@link findPython}; returns stdout. */
export function runPython(python: string, script: string, args: readonly string[] = [], input?: string): string {
  return execFileSync(python, ["-c", script, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
    ...(input !== undefined ? { input } : {}),
  });
}
