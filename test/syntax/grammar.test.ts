import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DflowParser } from "../../src/syntax/parser.js";
import { keywordWords } from "../../src/syntax/index.js";
import { grammarArtifacts } from "../../scripts/grammarArtifacts.js";

const parserSource = readFileSync("src/syntax/parser.ts", "utf8");
const ebnf = readFileSync("grammar/dflow.ebnf", "utf8");

describe("the grammar files", () => {
  it("passes chevrotain's own validations (no ambiguity, no left recursion)", () => {
    expect(() => new DflowParser({ validate: true })).not.toThrow();
  });

  it("gives every parser rule its EBNF production in a comment, under the same name", () => {
    const rules = [...parserSource.matchAll(/^ {2}\/\/ (\w+) = .*;\n {2}(\w+) = this\.RULE\("(\w+)"/gm)];
    const ruleCount = [...parserSource.matchAll(/this\.RULE\(/g)].length;
    expect(rules.length).toBe(ruleCount);
    for (const [, prod, prop, name] of rules) {
      expect(prop).toBe(name);
      expect(prod).toBe(name);
    }
  });

  it("keeps grammar/dflow.ebnf equal to the productions in the parser", () => {
    const inParser = [...parserSource.matchAll(/^ {2}\/\/ (\w+ = .*;)$/gm)].map((m) => m[1]);
    const inEbnf = [...ebnf.matchAll(/^([a-z]\w* = .*;)$/gm)].map((m) => m[1]);
    expect(inEbnf).toEqual(inParser);
    const names = new DflowParser().getGAstProductions();
    expect(Object.keys(names).sort()).toEqual(inParser.map((p) => p!.split(" ")[0]).sort());
  });

  it("has up-to-date generated CST types and railroad diagrams (run `npm run gen` if not)", () => {
    for (const a of grammarArtifacts()) {
      expect(readFileSync(a.path, "utf8"), `${a.path} is stale: run \`npm run gen\``).toBe(a.text);
    }
  });

  it("lists every keyword in the editor grammar", () => {
    const tm = readFileSync("grammar/dflow.tmLanguage.json", "utf8");
    JSON.parse(tm);
    for (const w of keywordWords) expect(tm, `keyword ${w}`).toMatch(new RegExp(`[|(]${w}[|)]`));
  });
});
