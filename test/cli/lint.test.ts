import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const FIXTURE = "test/fixtures/lint/warn.dflow";
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), "dflow-lintcli-"));

/**
 * The vendored SARIF 2.1.0 schema (draft-04), read as draft-07: only `id` and `$schema` differ (see
 * test/fixtures/sarif/README.md). One of its patterns is not valid in a `u` regular expression, so
 * patterns are compiled without the flag, as draft-04 validators do.
 */
function sarifValidator(): ReturnType<Ajv["compile"]> {
  const schema = JSON.parse(readFileSync("test/fixtures/sarif/sarif-schema-2.1.0.json", "utf8")) as Record<string, unknown>;
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
  return ajv.compile({ ...rest, $id: id as string, $schema: "http://json-schema.org/draft-07/schema#" });
}

describe("dflow lint", () => {
  it("prints each warning as a GitHub workflow command: file, line, col, title = code (golden)", async () => {
    const r = await runCli(["lint", FIXTURE, "--out", tmp(), "--format", "github"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync("test/cli/golden/lint-github.txt", "utf8"));
    // GitHub's syntax: ::COMMAND key=value,…::message, with `%`, CR and LF escaped in the message, and `:` and `,` too in values.
    const line = /^::(error|warning|notice) file=([^,:\n]+),line=(\d+),col=(\d+),endLine=(\d+),endColumn=(\d+),title=(DF\d{4})::(DF\d{4}): [^\r\n]*$/;
    for (const l of r.stdout.trimEnd().split("\n")) {
      const m = line.exec(l);
      expect(m, l).not.toBeNull();
      expect(m![2]).toBe(FIXTURE);
      expect(m![7]).toBe(m![8]);
    }
  });

  it("writes SARIF 2.1.0 that validates against the schema, with the DF6xxx rules and their levels", async () => {
    const validate = sarifValidator();
    const r = await runCli(["lint", FIXTURE, "--out", tmp(), "--format", "sarif"]);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[];
    };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.tool.driver.rules.map((x) => x.id)).toEqual(["DF6001", "DF6002", "DF6003", "DF6004", "DF6005", "DF6008"]);
    expect(log.runs[0]!.results.find((x) => x.ruleId === "DF6008")!.level).toBe("note");
    // The validator does reject what breaks the schema.
    expect(validate({ ...log, version: "2.0.0" })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ruleId: "DF6001", level: "loud", message: { text: "x" } }] }] })).toBe(false);
  });

  it("does not fail on warnings unless --max-warnings or --strict says so; a bad count is a usage error", async () => {
    const out = tmp();
    const plain = await runCli(["lint", FIXTURE, "--out", out]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("warning[DF6001]: Product `qa` is never written nor read.");
    expect(plain.stderr.trimEnd().split("\n").pop()).toBe("5 warnings in 1 file");
    expect((await runCli(["lint", FIXTURE, "--out", out, "--max-warnings", "5"])).code).toBe(0);
    expect((await runCli(["lint", FIXTURE, "--out", out, "--max-warnings", "4"])).code).toBe(1);
    expect((await runCli(["lint", FIXTURE, "--out", out, "--strict"])).code).toBe(1);
    expect((await runCli(["lint", FIXTURE, "--out", out, "--max-warnings", "many"])).code).toBe(2);
  });

  it("reads the dflow.yaml beside the file (the golden's notes), or --config; a bad configuration is an error at its place", async () => {
    const dir = tmp();
    const cfg = path.join(dir, "strict.yaml");
    writeFileSync(cfg, "lint:\n  rules:\n    unused-product: off\n    DF6005: error\n");
    const r = await runCli(["lint", FIXTURE, "--out", path.join(dir, "o"), "--format", "short", "--config", cfg]);
    const codes = (s: string): string[] => [...s.matchAll(/(warning|error|note)\[(DF\d+)\]/g)].map((m) => `${m[2]} ${m[1]}`);
    // --config replaces the dflow.yaml beside the file: DF6008 is a warning again.
    expect(codes(r.stderr)).toEqual(["DF6003 warning", "DF6008 warning", "DF6002 warning", "DF6005 error", "DF6004 warning"]);
    expect(r.code).toBe(1);
    writeFileSync(path.join(dir, "bad.yaml"), "lint:\n  rules:\n    DF6005: loud\n");
    const bad = await runCli(["lint", FIXTURE, "--out", path.join(dir, "o"), "--format", "short", "--config", path.join(dir, "bad.yaml")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.yaml:3:13: error\[DF6009\]: `loud` is not a severity/);
  });

  it("lints without a plan when the sources are not under --out: a note, and the rules about tasks wait for the data", async () => {
    const bare = await runCli(["lint", "test/fixtures/lint/source.dflow", "--out", tmp(), "--format", "short"]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toMatch(/source\.dflow:10:\d+: note\[DF4004\]: Source product `catalog` is missing/);
    expect(bare.stderr).not.toContain("DF6004");
    const out = tmp();
    const columns = ["TARGETID int64", "RA float64", "Z float32", "SPECTYPE string"].map((c) => c.split(" "));
    const header = ["# %ECSV 1.0", "# ---", "# datatype:", ...columns.map(([n, t]) => `# - {name: ${n}, datatype: ${t}}`), "# schema: astropy-2.0"];
    writeFileSync(path.join(out, "catalog.ecsv"), [...header, "TARGETID RA Z SPECTYPE", "7 1.0 0.5 GALAXY", "8 2.0 1.5 QSO", ""].join("\n"));
    const planned = await runCli(["lint", "test/fixtures/lint/source.dflow", "--out", out, "--format", "short"]);
    expect(planned.stderr).toContain("warning[DF6004]: Stage `copy` expands to no task: it never runs.");
  });

  it("explains every DF6xxx code", async () => {
    for (const code of ["DF6001", "DF6002", "DF6003", "DF6004", "DF6005", "DF6006", "DF6007", "DF6008", "DF6009"]) {
      const r = await runCli(["explain", code]);
      expect(r.code, code).toBe(0);
      expect(r.stdout.length, code).toBeGreaterThan(200);
    }
  });
});
