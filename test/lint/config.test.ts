import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceMap, renderDiagnostics } from "../../src/diag/index.js";
import { findLintConfig, LINT_RULES, parseLintConfig } from "../../src/lint/index.js";
import { StageTimeRule } from "../../src/lint/rules/StageTimeRule.js";
import { ParamDocRule } from "../../src/lint/rules/ParamDocRule.js";
import { lintText } from "./lintText.js";

function parse(text: string): { config: ReturnType<typeof parseLintConfig>["config"]; short: string } {
  const sources = new SourceMap();
  const r = parseLintConfig(sources.add("dflow.yaml", text), LINT_RULES);
  return { config: r.config, short: renderDiagnostics(r.diagnostics, "short", { sources, cwd: "/" }) };
}

describe("the lint section of dflow.yaml", () => {
  it("reads severities by code or by name, and the gather bound; an empty file is the defaults", () => {
    const r = parse("lint:\n  rules:\n    DF6005: error\n    param-without-doc: off\n    unused-param: note\n  gather-max: 50\n");
    expect(r.short).toBe("");
    expect([...r.config.rules]).toEqual([
      ["DF6005", "error"],
      ["DF6008", "off"],
      ["DF6002", "note"],
    ]);
    expect(r.config.gatherMax).toBe(50);
    expect(parse("").config.gatherMax).toBe(10000);
    expect(parse("lint:\n").short).toBe("");
    expect(parse("lint:\n  rules:\n    DF6005: false\n").config.rules.get("DF6005")).toBe("off");
  });

  it("reports every mistake as DF6009 at its place, with suggestions", () => {
    const r = parse("lint:\n  rules:\n    stage-without-tme: error\n    DF6001: loud\n  gather-max: -3\n  gathr: 1\nlnit: {}\n");
    expect(r.short.split("\n").filter((l) => l !== "")).toEqual([
      "dflow.yaml:3:5: error[DF6009]: `stage-without-tme` is not a lint rule.",
      "dflow.yaml:4:13: error[DF6009]: `loud` is not a severity: a rule is `off`, `note`, `warning` or `error`.",
      "dflow.yaml:5:15: error[DF6009]: `gather-max` takes a whole number greater than zero.",
      "dflow.yaml:6:3: error[DF6009]: `gathr` is not a setting of the `lint` section.",
      "dflow.yaml:7:1: error[DF6009]: `lnit` is not a section of `dflow.yaml`.",
    ]);
    expect(parse("lint: [1, 2]\n").short).toContain("The `lint` section is a mapping");
    expect(parse("lint:\n  rules: [DF6005]\n").short).toContain("`rules` maps rule codes or names to a severity");
    expect(parse("lint: {\n").short).toMatch(/^dflow\.yaml:\d+:\d+: error\[DF6009\]: `dflow\.yaml` is not valid YAML/);
    const sources = new SourceMap();
    const d = parseLintConfig(sources.add("dflow.yaml", "lint:\n  rules:\n    stage-without-tme: error\n"), LINT_RULES).diagnostics[0]!;
    expect(d.suggestions).toEqual(["stage-without-time"]);
  });

  it("is found beside the file or in a folder above it, the nearest first", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "dflow-lintcfg-"));
    mkdirSync(path.join(root, "a", "b"), { recursive: true });
    expect(findLintConfig(path.join(root, "a", "b"))).toBeUndefined();
    writeFileSync(path.join(root, "dflow.yaml"), "lint: {}\n");
    expect(findLintConfig(path.join(root, "a", "b"))).toBe(path.join(root, "dflow.yaml"));
    writeFileSync(path.join(root, "a", "dflow.yaml"), "lint: {}\n");
    expect(findLintConfig(path.join(root, "a", "b"))).toBe(path.join(root, "a", "dflow.yaml"));
  });

  it("sets the severity of a rule's diagnostics, or drops them with `off`", () => {
    const text = 'pipeline p\nparam a: int = 1\nproduct x : F at "x-{a}.fits"\nstage s {\n  out x\n}\n';
    const rules = [StageTimeRule, ParamDocRule];
    const plain = lintText(text, rules).diagnostics;
    expect(plain.map((d) => `${d.code} ${d.severity}`)).toEqual(["DF6005 warning", "DF6008 warning"]);
    const config = parse("lint:\n  rules:\n    DF6005: error\n    param-without-doc: off\n").config;
    expect(lintText(text, rules, { config }).diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(["DF6005 error"]);
  });
});
