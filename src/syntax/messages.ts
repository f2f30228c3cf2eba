import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

/** What each grammar rule is, in words, for messages. */
const RULE_WORDS: Record<string, string> = {
  program: "the file",
  pipelineDecl: "the pipeline header",
  declaration: "a declaration",
  importDecl: "an import",
  paramDecl: "a param declaration",
  typeRef: "a type",
  profileDecl: "a profile",
  profileEntry: "a profile entry",
  gridDecl: "a grid declaration",
  gridDomain: "a grid's domain",
  gridOption: "a grid option",
  attributeBlock: "an attribute list",
  attributeEntry: "an attribute",
  kernelCall: "a kernel call",
  argument: "a kernel argument",
  relationDecl: "a relation declaration",
  relationSource: "a relation's source",
  varBinding: "a variable binding",
  productDecl: "a product declaration",
  stageDecl: "a stage",
  stageItem: "a stage body",
  labelItem: "a label",
  inputItem: "an input",
  outputItem: "an output",
  ioBinding: "an input or output",
  productRef: "a product reference",
  gather: "a gather",
  gatherClause: "a gather clause",
  kernelItem: "a kernel binding",
  stageParamItem: "a stage param",
  packItem: "a pack setting",
  statusItem: "a status",
  resourceItem: "a resource",
  qualifiedName: "a dotted name",
  setLiteral: "a set `{…}`",
};

function ruleWords(rule: string): string {
  return RULE_WORDS[rule] ?? "an expression";
}

function tokenWords(t: TokenType): string {
  if (t === EOF) return "the end of the file";
  if (t === T.Identifier) return "a name";
  if (t === T.UnterminatedString) return "a string";
  return t.LABEL ?? t.name;
}

function found(t: IToken): string {
  if (t.tokenType === EOF) return "the end of the file";
  const img = t.image.length > 30 ? t.image.slice(0, 27) + "…" : t.image;
  return "`" + img.replace(/\r?\n/g, " ") + "`";
}

function orList(words: string[]): string {
  const u = [...new Set(words)];
  if (u.length <= 1) return u[0] ?? "something else";
  const shown = u.length > 8 ? [...u.slice(0, 7), "…"] : u;
  return shown.slice(0, -1).join(", ") + " or " + shown[shown.length - 1];
}

/** Parser messages in the house voice: what was expected where, and what was found. */
export const parserMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (expected === EOF)
      return `Expected a declaration (\`import\`, \`param\`, \`profile\`, \`grid\`, \`relation\`, \`product\` or \`stage\`), found ${found(actual)}.`;
    return `Expected ${tokenWords(expected)} in ${ruleWords(ruleName)}, found ${found(actual)}.`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `Expected a declaration (\`import\`, \`param\`, \`profile\`, \`grid\`, \`relation\`, \`product\` or \`stage\`), found ${found(firstRedundant)}.`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const firsts = expectedPathsPerAlt.flatMap((alt) => alt.map((path) => (path[0] !== undefined ? tokenWords(path[0]) : "")));
    const a = actual[0];
    if (ruleName === "declaration") {
      return `Expected a declaration (\`import\`, \`param\`, \`profile\`, \`grid\`, \`relation\`, \`product\` or \`stage\`), found ${a ? found(a) : "nothing"}.`;
    }
    if (ruleName === "stageItem") {
      return `Expected a stage item (\`in\`, \`out\`, \`kernel\`, \`param\`, \`label\`, \`pack\`, \`status\` or a resource such as \`cores 4\`), found ${a ? found(a) : "nothing"}.`;
    }
    if (!(ruleName in RULE_WORDS)) return `Expected an expression, found ${a ? found(a) : "nothing"}.`;
    return `Expected ${orList(firsts.filter((f) => f !== ""))} in ${ruleWords(ruleName)}, found ${a ? found(a) : "nothing"}.`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const firsts = expectedIterationPaths.map((p) => (p[0] !== undefined ? tokenWords(p[0]) : ""));
    const a = actual[0];
    return `Expected ${orList(firsts.filter((f) => f !== ""))} in ${ruleWords(ruleName)}, found ${a ? found(a) : "nothing"}.`;
  },
};
