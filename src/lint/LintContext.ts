import type { BoundPipeline } from "../bound/index.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag, type Code, type DiagExtras } from "../diag/codes.js";
import type { Plan, Site } from "../plan/index.js";
import type { Span } from "../util/Span.js";

/** The codes of the lint rules (DF6001–DF6008); DF6009 is the configuration's own. */
export type LintCode = Extract<Code, `DF600${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8}`>;

/** The text of the linted file and its `#` comments, for rules that read what the bound pipeline drops. */
export interface LintSource {
  readonly text: string;
  /** Every comment of the file, in source order (the parser keeps them for the printer). */
  readonly comments: readonly { readonly loc: Span }[];
}

/** What every lint rule sees: the bound pipeline, its plan when one could be made, the site, a reporter. */
export interface LintContext {
  readonly pipeline: BoundPipeline;
  /** The plan at the profile asked for; rules about tasks stay silent without it. */
  readonly plan: Plan | undefined;
  /** The site profile (`--site`); the allocation rule stays silent without it. */
  readonly site: Site | undefined;
  readonly source: LintSource;
  /** The largest gather one task may read before DF6006 (`gather-max`). */
  readonly gatherMax: number;
  report(code: LintCode, message: string, span: Span | undefined, extras?: DiagExtras): void;
}

/** One lint rule: its code, the name a `dflow.yaml` may call it by, and the check. */
export interface LintRule {
  readonly code: LintCode;
  readonly name: string;
  readonly run: (ctx: LintContext) => void;
}

/** Builds a context collecting diagnostics into `out`. */
export function makeLintContext(fields: Omit<LintContext, "report">, out: Diagnostic[]): LintContext {
  return {
    ...fields,
    report(code, message, span, extras) {
      out.push(diag(code, message, span, extras));
    },
  };
}
