import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag, type Code, type DiagExtras } from "../diag/codes.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { KernelIndex, KernelInfo, ProductTypeInfo, TsLoc } from "../kernels/types.js";
import type { Span } from "../util/Span.js";
import { Resolutions } from "./Resolutions.js";
import type { Scope } from "./Scope.js";
import { parseUnit, sameUnit } from "../units/index.js";

/** What every check rule sees: the scope, the kernel index (when it could be read) and a reporter. */
export interface CheckContext {
  readonly scope: Scope;
  readonly index: KernelIndex | undefined;
  /** Kernels by qualified name (`calib.fiberflat`). */
  readonly kernels: ReadonlyMap<string, KernelInfo>;
  /** Product types by name. */
  readonly types: ReadonlyMap<string, ProductTypeInfo>;
  report(code: Code, message: string, span: Span | undefined, extras?: DiagExtras): void;
  /** Whether two unit strings denote the same unit (compared parsed). */
  readonly sameUnit: (a: string | undefined, b: string | undefined) => boolean;
  /** A span for a place in a TypeScript file (registers the file with the source map). */
  tsSpan(loc: TsLoc): Span;
  readonly diagnostics: Diagnostic[];
  /** What each name resolved to, recorded by the rules where they resolve it. */
  readonly names: Resolutions;
}

/** Builds a context over `scope`, collecting diagnostics. */
export function makeCheckContext(scope: Scope, index: KernelIndex | undefined, sources: SourceMap): CheckContext {
  const diagnostics: Diagnostic[] = [];
  const tsFiles = new Map<string, number>();
  return {
    scope,
    index,
    kernels: new Map((index?.kernels ?? []).map((k) => [k.name, k])),
    types: new Map((index?.types ?? []).map((t) => [t.name, t])),
    diagnostics,
    names: new Resolutions(),
    sameUnit: unitsEqual,
    report(code, message, span, extras = {}) {
      diagnostics.push(diag(code, message, span, extras));
    },
    tsSpan(loc) {
      let id = tsFiles.get(loc.file);
      if (id === undefined) {
        let text = "";
        try {
          text = readFileSync(loc.file, "utf8");
        } catch {
          // The file moved since the index was read; the label still names it.
        }
        id = sources.add(loc.file, text).id;
        tsFiles.set(loc.file, id);
      }
      return { file: id, start: loc.start, end: loc.end };
    },
  };
}

/** Compares units parsed; two absent units are equal, an absent and a present one are not. */
function unitsEqual(a: string | undefined, b: string | undefined): boolean {
  const norm = (u: string | undefined): string => (u ?? "").replace(/\s+/g, " ").trim();
  if (norm(a) === norm(b)) return true;
  if (a === undefined || b === undefined) return false;
  const pa = parseUnit(a);
  const pb = parseUnit(b);
  return pa.ok && pb.ok && sameUnit(pa.unit, pb.unit);
}

/** A check rule: reads the context, reports diagnostics. Each lives in its own file, named after the invariant it keeps. */
export type CheckRule = (ctx: CheckContext) => void;
