import type { Span } from "../../util/Span.js";
import type { LintRule, LintSource } from "../LintContext.js";

/**
 * Whether a `#` comment documents the text at `span`: one ends on the line right above it (only
 * spaces and one line break between), or one follows it on its own line.
 */
export function hasDocComment(src: LintSource, span: Span): boolean {
  for (const c of src.comments) {
    if (c.loc.file !== span.file) continue;
    if (c.loc.end <= span.start) {
      const gap = src.text.slice(c.loc.end, span.start);
      if (/^[ \t]*\r?\n[ \t]*$/.test(gap)) return true;
    } else if (c.loc.start >= span.end) {
      return !src.text.slice(span.end, c.loc.start).includes("\n");
    }
  }
  return false;
}

/** DF6008: a param with no doc comment above it or at the end of its line. */
export const ParamDocRule: LintRule = {
  code: "DF6008",
  name: "param-without-doc",
  run(ctx) {
    for (const p of ctx.pipeline.params) {
      if (hasDocComment(ctx.source, p.span)) continue;
      ctx.report("DF6008", `Param \`${p.name}\` has no doc comment.`, p.nameSpan, {
        label: "undocumented",
        help: "say what it means, in its units, in a `#` comment on the line above it or at the end of its line",
      });
    }
  },
};
