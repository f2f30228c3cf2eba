import path from "node:path";
import { checkFile, defaultIndexLoader, guard, outputRoot } from "../../compile.js";
import { countBySeverity, type Diagnostic } from "../../diag/Diagnostic.js";
import { SourceMap } from "../../diag/SourceMap.js";
import { findLintConfig, lintPipeline, LINT_RULES, readLintConfig, DEFAULT_CONFIG, type LintConfig } from "../../lint/index.js";
import { loadSite, planProgram, type Site } from "../../plan/index.js";
import { defineCommand } from "../CliCommand.js";
import { planOptions, type PlanFlags } from "../planCommand.js";
import { formatOption, report, summarize } from "../report.js";
import type { CliIo } from "../io.js";

interface LintFlags extends PlanFlags {
  readonly format: string;
  readonly site?: string;
  readonly config?: string;
  readonly maxWarnings?: string;
  readonly strict?: boolean;
}

/** The configuration for a file: `--config`, else the nearest `dflow.yaml` at or above its folder; each file read once. */
function configFor(sources: SourceMap, file: string, flags: LintFlags, io: CliIo, cache: Map<string, { config: LintConfig; diagnostics: Diagnostic[] }>) {
  const found = flags.config !== undefined ? path.resolve(io.cwd, flags.config) : findLintConfig(path.dirname(file));
  if (found === undefined) return { config: DEFAULT_CONFIG, diagnostics: [], fresh: false };
  const known = cache.get(found);
  if (known !== undefined) return { ...known, fresh: false };
  const read = readLintConfig(sources, found, LINT_RULES);
  cache.set(found, read);
  return { ...read, fresh: true };
}

/** Whether the warnings fail the run: more than `--max-warnings`, or any with `--strict`. */
export function warningsFail(diags: readonly Diagnostic[], flags: Pick<LintFlags, "maxWarnings" | "strict">): boolean {
  const n = countBySeverity(diags).warning;
  if (flags.strict === true) return n > 0;
  return flags.maxWarnings !== undefined && n > Number(flags.maxWarnings);
}

/** `dflow lint FILES`: the checker, then the DF6xxx rules on the bound pipeline and its plan. */
export const lintCommand = defineCommand(
  (parent) =>
    planOptions(
      parent
        .command("lint")
        .description("lint .dflow files that check: unused names, shadowed defaults, unreachable stages, missing estimates, gathers and cost (DF6xxx)")
        .argument("<files...>", ".dflow files to lint"),
    )
      .option("--site <file>", "a Slurm site profile (YAML): its node_hours allocation bounds the plan's cost")
      .option("--config <file>", "a lint configuration (default: the nearest dflow.yaml beside each file or above it)")
      .option("--max-warnings <n>", "fail (exit 1) when there are more than N warnings")
      .option("--strict", "fail (exit 1) on any warning")
      .addOption(formatOption())
      .addHelpText(
        "after",
        `
Warnings do not fail the run unless --max-warnings or --strict says so; errors (check's, or rules set to
\`error\` in dflow.yaml) always do. docs/lint.md lists the rules and the configuration.

Examples:
  dflow lint pipelines/*.dflow
  dflow lint --strict --format github pipelines/*.dflow
  dflow lint pipelines/twopct.dflow --profile twopct --site sites/large.yaml`,
      ),
  async (io, files: string[], flags: LintFlags) => {
    const sources = new SourceMap();
    const diagnostics: Diagnostic[] = [];
    const maxWarnings = flags.maxWarnings;
    if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) {
      io.stderr(`error: --max-warnings takes a whole number, not \`${maxWarnings}\`\n`);
      return { sources, diagnostics, usageError: true };
    }
    let site: Site | undefined;
    if (flags.site !== undefined) {
      const s = loadSite(path.resolve(io.cwd, flags.site));
      diagnostics.push(...s.diagnostics);
      site = s.site;
    }
    const configs = new Map<string, { config: LintConfig; diagnostics: Diagnostic[] }>();
    for (const f of files) {
      const source = path.resolve(io.cwd, f);
      const r = await checkFile(sources, source, { loadIndex: defaultIndexLoader });
      diagnostics.push(...r.diagnostics);
      const bound = r.value?.bound;
      if (bound === undefined || r.diagnostics.some((d) => d.severity === "error")) continue;
      const cfg = configFor(sources, source, flags, io, configs);
      if (cfg.fresh) diagnostics.push(...cfg.diagnostics);
      const opts = {
        out: outputRoot(flags.out, bound, source, io.cwd),
        ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
        ...(flags.set !== undefined ? { set: flags.set } : {}),
      };
      const planned = guard(() => planProgram(bound, opts));
      // Sources not under the output root leave lint without a plan: a note, not a failure of the pipeline's text.
      diagnostics.push(
        ...planned.diagnostics.map((d) =>
          d.code === "DF4004"
            ? { ...d, severity: "note" as const, notes: [...(d.notes ?? []), "lint skips the rules about tasks (DF6004, DF6006, DF6007) without a plan"] }
            : d,
        ),
      );
      const plan = planned.diagnostics.some((d) => d.severity === "error") ? undefined : planned.value;
      diagnostics.push(
        ...lintPipeline(bound, {
          source: { text: r.value!.file.text, comments: r.value!.parsed.comments },
          ...(plan !== undefined ? { plan } : {}),
          ...(site !== undefined ? { site } : {}),
          config: cfg.config,
        }),
      );
    }
    const result = { sources, diagnostics, failed: warningsFail(diagnostics, flags) };
    report(io, result, flags.format);
    summarize(io, result, files.length, flags.format);
    return result;
  },
);
