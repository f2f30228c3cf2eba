import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMap, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import type { Diagnostic, Severity } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { SourceMap } from "../diag/SourceMap.js";
import type { SourceFile } from "../util/SourceFile.js";
import { suggest } from "../util/suggest.js";
import type { LintCode, LintRule } from "./LintContext.js";

/** The name of the configuration file `dflow lint` looks for. */
export const CONFIG_NAME = "dflow.yaml";

/** A rule's configured severity; `off` drops its diagnostics. */
export type RuleLevel = Severity | "off";

/** The `lint` section of a `dflow.yaml`. */
export interface LintConfig {
  /** Severities by rule code; a rule not listed keeps its catalogue severity. */
  readonly rules: ReadonlyMap<LintCode, RuleLevel>;
  /** The largest gather one task may read before DF6006. */
  readonly gatherMax: number;
  /** The file it was read from, if any. */
  readonly file?: string;
}

/** The configuration when there is no `dflow.yaml`. */
export const DEFAULT_GATHER_MAX = 10_000;
export const DEFAULT_CONFIG: LintConfig = { rules: new Map(), gatherMax: DEFAULT_GATHER_MAX };

const LEVELS: readonly RuleLevel[] = ["off", "note", "warning", "error"];

/** The nearest `dflow.yaml` in `dir` or a folder above it, or undefined. */
export function findLintConfig(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const f = path.join(d, CONFIG_NAME);
    if (existsSync(f)) return f;
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Reads the lint section of a `dflow.yaml`. Every problem is DF6009 pointing into the file
 * (registered in `sources`); the configuration returned holds what was valid, the defaults for
 * the rest.
 */
export function readLintConfig(sources: SourceMap, file: string, rules: readonly LintRule[]): { config: LintConfig; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return {
      config: DEFAULT_CONFIG,
      diagnostics: [diag("DF6009", `The lint configuration \`${file}\` could not be read: ${(e as Error).message}`, undefined)],
    };
  }
  return parseLintConfig(sources.add(file, text), rules);
}

/** Parses the text of a `dflow.yaml` already in a source map (see {@link readLintConfig}). */
export function parseLintConfig(src: SourceFile, rules: readonly LintRule[]): { config: LintConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (n: YamlNode | null | undefined): { file: number; start: number; end: number } | undefined =>
    n?.range !== undefined && n.range !== null ? { file: src.id, start: n.range[0], end: n.range[1] } : undefined;
  const bad = (message: string, n: YamlNode | null | undefined, extras: { label?: string; suggestions?: string[]; help?: string } = {}): void => {
    diagnostics.push(diag("DF6009", message, at(n), { label: "invalid", ...extras }));
  };
  const doc = parseDocument(src.text, { prettyErrors: false });
  for (const e of doc.errors)
    diagnostics.push(diag("DF6009", `\`${CONFIG_NAME}\` is not valid YAML: ${e.message.split("\n")[0]}`, { file: src.id, start: e.pos[0], end: e.pos[1] }));
  if (diagnostics.length > 0) return { config: DEFAULT_CONFIG, diagnostics };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config: { ...DEFAULT_CONFIG, file: src.path }, diagnostics };
  if (!isMap(root)) {
    bad(`\`${CONFIG_NAME}\` holds a mapping with a \`lint\` section.`, root);
    return { config: DEFAULT_CONFIG, diagnostics };
  }
  const levels = new Map<LintCode, RuleLevel>();
  let gatherMax = DEFAULT_GATHER_MAX;
  for (const top of root.items) {
    const key = isScalar(top.key) ? String(top.key.value) : "";
    if (key !== "lint") {
      bad(`\`${key}\` is not a section of \`${CONFIG_NAME}\`.`, top.key, { label: "unknown section", suggestions: suggest(key, ["lint"]) });
      continue;
    }
    const lint = top.value as YamlNode | null;
    if (lint === null || (isScalar(lint) && lint.value === null)) continue;
    if (!isMap(lint)) {
      bad("The `lint` section is a mapping: `rules` and `gather-max`.", lint);
      continue;
    }
    for (const item of lint.items) {
      const k = isScalar(item.key) ? String(item.key.value) : "";
      const v = item.value as YamlNode | null;
      if (k === "gather-max") {
        const n = isScalar(v) ? v.value : undefined;
        if (typeof n === "number" && Number.isInteger(n) && n > 0) gatherMax = n;
        else bad("`gather-max` takes a whole number greater than zero.", v ?? (item.key as YamlNode), { label: "not a count" });
      } else if (k === "rules") {
        readRules(v, rules, levels, bad);
      } else {
        bad(`\`${k}\` is not a setting of the \`lint\` section.`, item.key as YamlNode, {
          label: "unknown setting",
          suggestions: suggest(k, ["rules", "gather-max"]),
          help: "the `lint` section takes `rules` (severities by code or name) and `gather-max`",
        });
      }
    }
  }
  return { config: { rules: levels, gatherMax, file: src.path }, diagnostics };
}

type Bad = (message: string, n: YamlNode | null | undefined, extras?: { label?: string; suggestions?: string[]; help?: string }) => void;

function readRules(v: YamlNode | null, rules: readonly LintRule[], levels: Map<LintCode, RuleLevel>, bad: Bad): void {
  if (v === null || (isScalar(v) && v.value === null)) return;
  if (!isMap(v)) {
    bad("`rules` maps rule codes or names to a severity: `DF6005: error`.", v);
    return;
  }
  for (const item of v.items) {
    const k = isScalar(item.key) ? String(item.key.value) : "";
    const rule = rules.find((r) => r.code === k.toUpperCase() || r.name === k);
    if (rule === undefined) {
      bad(`\`${k}\` is not a lint rule.`, item.key as YamlNode, {
        label: "unknown rule",
        suggestions: suggest(k, [...rules.map((r) => r.name), ...rules.map((r) => r.code)]),
        help: `the rules are ${rules.map((r) => `${r.code} (${r.name})`).join(", ")}`,
      });
      continue;
    }
    const raw = item.value as YamlNode | null;
    // YAML reads a bare `off` as a string, and `false` as a boolean: both turn the rule off.
    const level = isScalar(raw) ? (raw.value === false ? "off" : String(raw.value)) : "";
    if (!(LEVELS as readonly string[]).includes(level)) {
      bad(`\`${level}\` is not a severity: a rule is \`off\`, \`note\`, \`warning\` or \`error\`.`, raw ?? (item.key as YamlNode), {
        label: "not a severity",
        suggestions: suggest(level, LEVELS),
      });
      continue;
    }
    levels.set(rule.code, level as RuleLevel);
  }
}
