import type { CheckContext } from "../CheckContext.js";

/**
 * Each task writes exactly its own partition of every output: a stage's index maps
 * one-to-one onto each output's axes, so every output index is one of the stage's
 * variables, each used exactly once (no attribute, no literal, no variable left out).
 * Two tasks writing the same file, or one task writing several, is DF3001.
 */
export function OutputIndexRule(ctx: CheckContext): void {
  for (const stage of ctx.scope.stages.values()) {
    const vars = stage.vars.map((v) => v.name.value);
    for (const it of stage.items) {
      if (it.kind !== "Output") continue;
      const product = ctx.scope.products.get(it.ref.product.value);
      if (product === undefined || product.axes.length !== it.ref.indices.length) continue;
      const used: string[] = [];
      for (const idx of it.ref.indices) {
        if (idx.kind === "Ref" && vars.includes(idx.name.value)) {
          if (used.includes(idx.name.value)) {
            ctx.report("DF3001", `Output \`${product.name.value}\` uses variable \`${idx.name.value}\` twice, so its index is not one-to-one.`, idx.loc, {
              label: "used again here",
            });
          }
          used.push(idx.name.value);
        } else {
          ctx.report(
            "DF3001",
            `An output index must be one of the stage's variables (${vars.map((v) => "`" + v + "`").join(", ") || "none"}), so each task writes exactly its own partition.`,
            idx.loc,
            {
              label: "not a stage variable",
              secondary: [{ span: stage.name.loc, message: "stage declared here" }],
              help: "declare the variable in the stage's index, or write this product from a stage indexed by its axes",
            },
          );
        }
      }
      const missing = vars.filter((v) => !used.includes(v));
      if (missing.length > 0 && used.length === it.ref.indices.length) {
        ctx.report(
          "DF3001",
          `Stage \`${stage.name.value}\` is indexed by ${missing.map((m) => "`" + m + "`").join(", ")} too, but output \`${product.name.value}\` does not use ${missing.length === 1 ? "it" : "them"}: several tasks would write the same file.`,
          it.ref.loc,
          {
            label: "missing stage variables",
            secondary: [{ span: product.loc, message: `\`${product.name.value}\` declared with axes [${product.axes.map((a) => a.value).join(", ")}]` }],
            help: "add the variable to the product's axes, or gather over it in a stage indexed by the product's axes",
          },
        );
      }
    }
  }
}
