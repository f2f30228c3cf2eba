/** Small shared utilities: source files and spans, suggestions, natural order. */
export * from "./SourceFile.js";
export * from "./Span.js";
export * from "./suggest.js";
export { invariant, InternalError } from "./invariant.js";
