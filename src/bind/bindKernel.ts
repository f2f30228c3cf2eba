import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { KernelIndex, KernelInfo } from "../kernels/types.js";
import type * as A from "../syntax/ast.js";
import { convert, parseUnit } from "../units/index.js";
import { bindExpr } from "./bindExpr.js";
import { evalConst, isConstant, type BoundKernel, type BoundParamArg, type Value } from "../bound/index.js";

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
      for (const p of info.params) if (p.default !== undefined) defaults[p.name] = p.default;
      out = { info, kernel: { name, module: info.module, entry, exportName: info.exportName, closure: closureHash(info), defaults } };
    }
    this.#bound.set(name, out);
    return out;
  }
}

/**
 * Content hash of a kernel's import closure: each file's path and text (empty when it is gone),
 * each part followed by a NUL, as the task fingerprint has always hashed it (docs/conventions.md#task-identity-and-fingerprints).
 */
function closureHash(info: KernelInfo): string {
  const h = createHash("sha256");
  for (const f of info.importClosure) h.update(`${f}\0${existsSync(f) ? readFileSync(f, "utf8") : ""}`).update("\0");
  return h.digest("hex");
}

/**
 * Binds the params given to a kernel (a stage's `param`s, a grid or relation call's named
 * args). A quantity is converted to the kernel param's `@unit` here, once; a conversion that
 * fails is DF3040. A constant expression is evaluated; one that names params stays an
 * expression, evaluated once per plan (profiles and `--set` change it).
 */
export function bindParams(
  given: readonly { name: A.NameNode; value: A.ExprNode }[],
  k: { info: KernelInfo; kernel: BoundKernel } | undefined,
  report: (d: Diagnostic) => void,
): BoundParamArg[] {
  return given.map((g) => {
    const name = g.name.value;
    const span = g.value.loc;
    const e = g.value;
    if (e.kind === "Quantity") {
      if (k === undefined) return { name, span, value: e.number.value };
      const want = k.info.params.find((p) => p.name === name)?.unit;
      const from = parseUnit(e.unit);
      const to = want !== undefined ? parseUnit(want) : undefined;
      const c = from.ok && to?.ok === true ? convert(e.number.value, from.unit, to.unit) : undefined;
      if (c?.ok === true) return { name, span, value: c.value };
      const why =
        want === undefined
          ? "it declares no unit"
          : !from.ok
            ? from.message
            : to?.ok === false
              ? `\`${want}\` is not a unit dflow reads: ${to.message}`
              : ((c as { message: string } | undefined)?.message ?? "");
      report(
        diag(
          "DF3040",
          `Parameter \`${name}\` of \`${k.kernel.name}\` is given \`${e.number.raw} ${e.unit}\`, which cannot be converted to the kernel's unit: ${why}`,
          span,
          {
            label: "not convertible",
            help: want === undefined ? "give a plain number" : `give the value in \`${want}\`, or fix the kernel's \`@unit\``,
          },
        ),
      );
      return { name, span, value: e.number.value };
    }
    const b = bindExpr(e);
    return isConstant(b) ? { name, span, value: evalConst(b, NO_PARAMS) } : { name, span, expr: b };
  });
}
