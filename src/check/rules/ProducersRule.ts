import type { CheckContext } from "../CheckContext.js";

/**
 * Every product is made by exactly one stage, or is a source found on disk: a product
 * with two producers is DF2005; a product with no producer and no path template, which
 * nothing can make or find, is DF2004.
 */
export function ProducersRule(ctx: CheckContext): void {
  for (const product of ctx.scope.products.values()) {
    const producers = ctx.scope.producers.get(product.name.value) ?? [];
    if (producers.length > 1) {
      const [first, ...rest] = producers;
      for (const p of rest) {
        ctx.report(
          "DF2005",
          `Product \`${product.name.value}\` is produced by two stages, \`${first!.stage.name.value}\` and \`${p.stage.name.value}\`.`,
          p.output.ref.loc,
          {
            label: "second producer",
            secondary: [{ span: first!.output.ref.loc, message: "first produced here" }],
            help: "give each stage its own product, or merge the stages",
          },
        );
      }
    }
    if (producers.length === 0 && product.path === undefined) {
      ctx.report("DF2004", `Product \`${product.name.value}\` has no producer and no path: nothing can make it or find it.`, product.name.loc, {
        label: "no stage writes this product",
        help: `add a stage with \`out ${product.name.value}${product.axes.length > 0 ? "[…]" : ""}\`, or give the product a path with \`at "…"\` so it can be read as a source`,
      });
    }
  }
}
