/**
 * Caches live under the user's cache directory, never the install: from a copy of the install
 * that its user cannot write (root runs the child as `nobody`, for whom mode bits hold), a new
 * kernel is transpiled and run, with bare imports of its own package, of `stdlib/…` and of
 * dflow's kernel types resolving from the cache.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelCacheDir } from "../../src/kernels/index.js";

const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
let base = "";
let install = "";

/** Every file and directory under `dir`, made unwritable (`a-w`), directories kept searchable. */
function readOnly(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) readOnly(p);
    else chmodSync(p, 0o444);
  }
  chmodSync(dir, 0o555);
}

/**
 * A project with a kernel new to every cache (a fresh constant); with `bare`, it imports its own
 * package from `node_modules` and the stdlib by bare `stdlib/…` and `dflow/stdlib/…`, else the
 * install's stdlib types by a relative path and nothing else.
 */
function project(constant: number, bare: boolean): string {
  const dir = path.join(base, `proj-${constant}`);
  mkdirSync(path.join(dir, "kernels"), { recursive: true });
  mkdirSync(path.join(dir, "node_modules", "localpkg"), { recursive: true });
  writeFileSync(
    path.join(dir, "p.dflow"),
    'pipeline ro\n\nimport "./kernels" as k\n\ngrid n = 0..1\n\nproduct item[n] : Num at "item-{n}.json"\n\nstage make[i: n] {\n  out item[i]\n  kernel k.make\n}\n',
  );
  writeFileSync(
    path.join(dir, "kernels", "index.ts"),
    (bare
      ? `import { triple } from "localpkg";
import { nside2npix } from "stdlib/healpix/index.js";
import type { KernelContext } from "dflow/stdlib/kernel.js";
`
      : `import type { KernelContext } from "${path.relative(path.join(dir, "kernels"), path.join(install, "stdlib", "kernel.js"))}";
const triple = (x: number): number => 3 * x;
const nside2npix = (n: number): number => 12 * n * n;
`) +
      `
/**
 * A number.
 * @format json
 */
export interface Num {
  readonly value: number;
}

export function make(_inputs: Readonly<Record<string, never>>, _params: Readonly<Record<string, never>>, ctx: KernelContext): { item: Num } {
  return { item: { value: triple(Number(ctx.key["n"])) + nside2npix(1) + ${constant} } };
}
`,
  );
  writeFileSync(path.join(dir, "node_modules", "localpkg", "package.json"), '{"name":"localpkg","type":"module","exports":"./index.js"}\n');
  writeFileSync(path.join(dir, "node_modules", "localpkg", "index.js"), "export function triple(x) { return 3 * x; }\n");
  return dir;
}

/** Runs the read-only install's `dflow` with `env` (as `nobody` when the test runs as root). */
function runInstalled(args: readonly string[], cwd: string, env: Record<string, string>): { code: number; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(install, "dist", "dflow.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...env },
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

/** A directory the child may write (owned by `nobody` when the test runs as root). */
function writable(name: string): string {
  const d = path.join(base, name);
  mkdirSync(d, { recursive: true, mode: 0o777 });
  chmodSync(d, 0o777);
  return d;
}

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), "dflow-ro-install-"));
  chmodSync(base, 0o755);
  install = path.join(base, "install");
  cpSync(path.resolve("dist"), path.join(install, "dist"), { recursive: true });
  cpSync(path.resolve("stdlib"), path.join(install, "stdlib"), { recursive: true });
  cpSync(path.resolve("package.json"), path.join(install, "package.json"));
  // dflow's own packages (ts-morph for a cold kernel read): a real, unwritable directory of links.
  const nm = path.join(install, "node_modules");
  mkdirSync(nm);
  for (const e of readdirSync(path.resolve("node_modules"))) if (!e.startsWith(".")) symlinkSync(path.resolve("node_modules", e), path.join(nm, e));
  readOnly(install);
});

afterAll(() => {
  // Make the copy removable again; the temporary directory itself is left to the system.
  spawnSync("chmod", ["-R", "u+w", base]);
});

describe("the kernel caches", () => {
  it("default to $XDG_CACHE_HOME/dflow, else ~/.cache/dflow, and DFLOW_CACHE_DIR overrides both", () => {
    expect(kernelCacheDir({ XDG_CACHE_HOME: "/x/cache", HOME: "/h" })).toBe("/x/cache/dflow");
    expect(kernelCacheDir({ XDG_CACHE_HOME: "/x/cache", DFLOW_CACHE_DIR: "/c" })).toBe("/c");
    expect(kernelCacheDir({})).toBe(path.join(os.homedir(), ".cache", "dflow"));
  });

  it("run a new kernel from an install its user cannot write, under $XDG_CACHE_HOME/dflow", () => {
    const proj = project(Date.now() % 100000, false);
    const cache = writable("xdg-plain");
    const out = writable("out-plain");
    const r = runInstalled(["run", path.join(proj, "p.dflow"), "--out", out, "-j", "1"], proj, { HOME: cache, XDG_CACHE_HOME: cache });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(cache, "dflow"))).toContain("modules");
  });

  it("resolve a kernel's bare imports (its own package, stdlib/…, dflow's kernel types) from the cache", () => {
    const proj = project((Date.now() % 100000) + 200000, true);
    const cache = writable("xdg");
    const out = writable("out-xdg");
    const r = runInstalled(["run", path.join(proj, "p.dflow"), "--out", out, "-j", "1"], proj, { HOME: cache, XDG_CACHE_HOME: cache });
    expect(r.code, r.stderr).toBe(0);
    const constant = Number(path.basename(proj).slice(5));
    // 3·n from the kernel's own package, 12 pixels at nside 1 from the stdlib.
    expect((JSON.parse(readFileSync(path.join(out, "item-1.json"), "utf8")) as { value: number }).value).toBe(3 + 12 + constant);
    expect(readdirSync(path.join(cache, "dflow")).sort()).toEqual(expect.arrayContaining(["modules"]));
    expect(readdirSync(path.join(cache, "dflow")).some((f) => /^kernels-[0-9a-f]+\.json$/.test(f))).toBe(true);
    expect(existsSync(path.join(install, "node_modules", ".cache"))).toBe(false);
  });

  it("go to DFLOW_CACHE_DIR when it is set, at -j 2 too (worker threads load the kernel)", () => {
    const proj = project((Date.now() % 100000) + 100000, true);
    const cache = writable("explicit");
    const out = writable("out-explicit");
    const r = runInstalled(["run", path.join(proj, "p.dflow"), "--out", out, "-j", "2"], proj, { HOME: writable("home"), DFLOW_CACHE_DIR: cache });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(cache)).toContain("modules");
    expect(existsSync(path.join(base, "home", ".cache"))).toBe(false);
  });
});
