/**
 * The kernel contract is recognised by its types' names and the module declaring them (one that
 * exports the whole contract), not by the file's path: a copy of the contract reached through a
 * symbolic link counts, `dflow/kernel` resolves without an installed package, and a type that
 * cannot be resolved, or a lookalike declared elsewhere, is said to be so.
 */
import { cpSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readKernelIndex, resolveModules, type KernelIndex } from "../../src/kernels/index.js";
import { REPO, tempDir, writeTree } from "./helpers.js";

const KERNEL = (from: string, name: string): string => `import type { GridKeys, Handle, KernelContext } from "${from}";
/**
 * A number.
 * @format json
 */
export interface Num { readonly value: number; }
export function ${name}(inputs: { readonly n: Handle<Num> }, _p: Readonly<Record<string, never>>, _ctx: KernelContext): { m: Num } {
  return { m: { value: inputs.n.key["x"] === undefined ? 0 : 1 } };
}
export function ${name}Keys(_i: Readonly<Record<string, never>>, _p: Readonly<Record<string, never>>, _ctx: KernelContext): GridKeys {
  return { keys: [1, 2] };
}
`;

const t = tempDir("dflow-contract-");
let index: KernelIndex;

beforeAll(async () => {
  // A copy of the contract elsewhere, reached through a symbolic link (as a vendored or linked tree).
  cpSync(join(REPO, "stdlib/kernel.ts"), join(t.dir, "vendor/kernel.ts"));
  cpSync(join(REPO, "stdlib/datamodel"), join(t.dir, "vendor/datamodel"), { recursive: true });
  writeTree(t.dir, {
    "p/pipeline.dflow": "",
    "p/viaLink/index.ts": KERNEL("../linked/kernel.js", "linked"),
    "p/viaPackage/index.ts": KERNEL("dflow/kernel", "packaged"),
    "p/unresolved/index.ts": KERNEL("dflow/kernal", "lost"),
    // Declares a `KernelContext` of its own: the name alone does not make the contract.
    "p/lookalike/contract.ts":
      "export interface KernelContext { readonly log: (m: string) => void }\nexport interface Handle<T> { read(): Promise<T> }\nexport interface GridKeys { readonly keys: readonly number[] }\n",
    "p/lookalike/index.ts": KERNEL("./contract.js", "alike"),
  });
  symlinkSync(join(t.dir, "vendor"), join(t.dir, "p/linked"), "dir");
}, 60_000);

beforeAll(async () => {
  const { modules, problems } = resolveModules(join(t.dir, "p/pipeline.dflow"), [
    { module: "./viaLink" },
    { module: "./viaPackage" },
    { module: "./unresolved" },
    { module: "./lookalike" },
  ]);
  expect(problems).toEqual([]);
  index = await readKernelIndex(modules);
}, 60_000);

afterAll(() => t.remove());

const kernel = (name: string): { kind: string; problems: readonly string[] } => {
  const k = index.kernels.find((x) => x.name === name);
  if (k === undefined) throw new Error(`no kernel ${name}`);
  return { kind: k.kind, problems: k.problems };
};

describe("the kernel contract's identity", () => {
  test("a copy of the contract through a symbolic link is the contract", () => {
    expect(kernel("viaLink.linked")).toEqual({ kind: "stage", problems: [] });
    expect(kernel("viaLink.linkedKeys")).toEqual({ kind: "grid", problems: [] });
  });

  test("`dflow/kernel` without an installed package is the running dflow's contract", () => {
    expect(kernel("viaPackage.packaged")).toEqual({ kind: "stage", problems: [] });
    expect(kernel("viaPackage.packagedKeys")).toEqual({ kind: "grid", problems: [] });
  });

  test("an import that does not resolve is said to be so, with the import to write", () => {
    const ps = kernel("unresolved.lost").problems;
    expect(ps).toContain(
      'its third parameter `_ctx` is `KernelContext`, which TypeScript cannot resolve (is it imported, and does its import resolve?), not `KernelContext` of the kernel contract (`import type { Handle, KernelContext, GridKeys } from "dflow/kernel"`)',
    );
    expect(ps.some((p) => p.startsWith("input `n` is `Handle<Num>`, which TypeScript cannot resolve"))).toBe(true);
  });

  test("a type named like the contract's but declared by another module is not the contract, and its module is named", () => {
    const ps = kernel("lookalike.alike").problems;
    expect(ps).toContain(
      `its third parameter \`_ctx\` is \`KernelContext\` declared in \`${join(t.dir, "p/lookalike/contract.ts")}\`, not \`KernelContext\` of the kernel contract (\`import type { Handle, KernelContext, GridKeys } from "dflow/kernel"\`)`,
    );
    expect(kernel("lookalike.alikeKeys").kind).toBe("stage");
  });
});
