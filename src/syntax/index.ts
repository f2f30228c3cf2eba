/** The syntax phase: text → AST (with recovery and diagnostics), the printer and the selector parser. */
export type * from "./ast.js";
export { forEachChild, visitorKeys, walk } from "./ast.js";
export { parseDflow, type Comment, type ParsedFile } from "./parse.js";
export { printProgram, expr as printExpr } from "./print.js";
export { parseSelector, type Selector, type SelectorAtom, type SelectorConstraint, type SelectorValue } from "./parseSelector.js";
export { keywordWords } from "./tokens.js";
export { quoteString, unescapeString } from "./strings.js";
