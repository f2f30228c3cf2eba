import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../diag/Diagnostic.js";
import type { KernelIndex, KernelInfo } from "../kernels/types.js";
import type * as A from "../syntax/ast.js";
import { expr as printExpr } from "../syntax/print.js";
import { bindExpr } from "./bindExpr.js";
import { evalConst, isConstant, kernelParamValue, type BoundKernel, type BoundParamArg, type Value } from "../bound/index.js";

const NO_PARAMS: ReadonlyMap<string, Value> = new Map();

/** Finds kernels in the index once each, with their module entry and import-closure hash. */
export class KernelBinder {
  readonly #bound = new Map<string, { info: KernelInfo; kernel: BoundKernel } | undefined>();
  constructor(readonly index: KernelIndex | undefined) {}

  /** The kernel named `name` and its index entry; undefined when the index or the kernel (or its module) is missing. */
  find(name: string): { info: KernelInfo; kernel: BoundKernel } | undefined {
    if (this.#bound.has(name)) return this.#bound.get(name);
    const info = this.index?.kernels.find((k) => k.name === name);
    const entry = info !== undefined ? this.index!.modules.find((m) => m.alias === info.module)?.entry : undefined;
    let out: { info: KernelInfo; kernel: BoundKernel } | undefined;
    if (info !== undefined && entry !== undefined) {
      const defaults: Record<string, unknown> = {};
      const units: Record<string, string> = {};
      for (const p of info.params) {
        if (p.default !== undefined) defaults[p.name] = p.default;
        if (p.unit !== undefined) units[p.name] = p.unit;
      }
      const closure = closureHash(info);
      const former = formerClosureHash(info);
      out = {
        info,
        kernel: {
          name,
          module: info.module,
          entry,
          exportName: info.exportName,
          closure,
          ...(former !== closure ? { formerClosure: former } : {}),
          defaults,
          units,
        },
      };
    }
    this.#bound.set(name, out);
    return out;
  }
}

/** Closure hashes by index entry: an index read again (its files changed) has new entries. */
const closureHashes = new WeakMap<KernelInfo, string>();

/**
 * Content hash of what a kernel depends on (docs/kernels.md#change-detection): the hash of its own
 * file's statements it reaches, then each file its used imports reach, path and text (empty when
 * it is gone), each part followed by a NUL. An index without per-kernel dependencies hashes the
 * whole import closure of the kernel's file, as {@link formerClosureHash}. Computed once per index
 * entry: a caller that binds again with the same index (the language server, on every edit) reads
 * the files once, and reads the index again when they change.
 */
function closureHash(info: KernelInfo): string {
  const known = closureHashes.get(info);
  if (known !== undefined) return known;
  const deps = info.dependencies;
  let hash: string;
  if (deps === undefined) hash = formerClosureHash(info);
  else {
    const h = createHash("sha256").update(`kernel\0${deps.declarationHash}\0`);
    hashFiles(h, deps.files);
    hash = h.digest("hex");
  }
  closureHashes.set(info, hash);
  return hash;
}

const formerHashes = new WeakMap<KernelInfo, string>();

/** The closure hash of dflow before change detection per kernel: every file of the import closure of the kernel's file. */
function formerClosureHash(info: KernelInfo): string {
  const known = formerHashes.get(info);
  if (known !== undefined) return known;
  const h = createHash("sha256");
  hashFiles(h, info.importClosure);
  const hash = h.digest("hex");
  formerHashes.set(info, hash);
  return hash;
}

function hashFiles(h: ReturnType<typeof createHash>, files: readonly string[]): void {
  for (const f of files) h.update(`${f}\0${existsSync(f) ? readFileSync(f, "utf8") : ""}`).update("\0");
}

/**
 * Binds the params given to a kernel (a stage's `param`s, a grid or relation call's named
 * args). A constant expression is evaluated with its unit (`-15 electron/nm`, `2 * 15 s`) and
 * converted to the kernel param's `@unit` here, once; a conversion that fails is DF3040. One
 * that names params stays an expression, evaluated and converted once per plan (profiles and
 * `--set` change it).
 */
export function bindParams(
  given: readonly { name: A.NameNode; value: A.ExprNode }[],
  k: { info: KernelInfo; kernel: BoundKernel } | undefined,
  report: (d: Diagnostic) => void,
): BoundParamArg[] {
  return given.map((g) => {
    const name = g.name.value;
    const span = g.value.loc;
    const b = bindExpr(g.value);
    if (!isConstant(b)) return { name, span, expr: b };
    // Without the kernel (the checker reported it) there is no unit to convert to.
    if (k === undefined) return { name, span, value: evalConst(b, NO_PARAMS) };
    return { name, span, value: kernelParamValue(k.kernel.name, k.kernel.units[name], name, b, span, NO_PARAMS, report, printExpr(g.value)) };
  });
}
