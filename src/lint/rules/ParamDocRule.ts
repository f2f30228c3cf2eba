import type { Span } from "../../util/Span.js";
import type { LintRule, LintSource } from "../LintContext.js";

/**
 * Whether a `#` comment documents the text at `span`: a comment on a line of its own ends on
 * the line right above it (only spaces and one line break between), or one follows it on its line.
 */
export function hasDocComment(src: LintSource, span: Span): boolean {
  for (const c of src.comments) {
    if (c.loc.file !== span.file) continue;
    if (c.loc.end <= span.start) {
      // A comment above counts when it has its line to itself and ends on the line right above.
      const lineStart = src.text.lastIndexOf("\n", c.loc.start - 1) + 1;
      const ownLine = src.text.slice(lineStart, c.loc.start).trim() === "";
      if (ownLine && /^[ \t]*\r?\n[ \t]*$/.test(src.text.slice(c.loc.end, span.start))) return true;
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
