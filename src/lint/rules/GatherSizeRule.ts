import type { LintRule } from "../LintContext.js";

/** DF6006: a gather input that gives one task more items than `gather-max`; reported once per input, at its largest task. */
export const GatherSizeRule: LintRule = {
  code: "DF6006",
  name: "gather-too-large",
  run(ctx) {
    const g = ctx.plan?.graph;
    if (g === undefined) return;
    for (const s of g.stages) {
      const gathers = s.stage.inputs.map((i, n) => (i.gather !== undefined ? n : -1)).filter((n) => n >= 0);
      if (gathers.length === 0 || s.count === 0) continue;
      const largest = new Map<number, { items: number; task: number }>();
      const counts = new Int32Array(s.stage.inputs.length);
      for (let t = s.first; t < s.first + s.count; t++) {
        counts.fill(0);
        g.inputsOf(t, (_product, _keys, item) => counts[item]!++);
        for (const n of gathers) if (counts[n]! > (largest.get(n)?.items ?? 0)) largest.set(n, { items: counts[n]!, task: t });
      }
      for (const [n, { items }] of largest) {
        if (items <= ctx.gatherMax) continue;
        const input = s.stage.inputs[n]!;
        ctx.report(
          "DF6006",
          `Input \`${input.port}\` of stage \`${s.name}\` gathers ${items} items in one task, more than the bound of ${ctx.gatherMax}.`,
          input.gather?.span ?? input.ref.span,
          {
            label: `${items} items`,
            help: "partition the gather with a narrower relation or `where` clause, or raise `gather-max` in dflow.yaml if it is meant",
          },
        );
      }
    }
  },
};
