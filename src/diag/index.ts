/** Diagnostics as data: the code catalogue, source files, and renderers. */
export * from "./Diagnostic.js";
export * from "./codes.js";
export * from "./SourceMap.js";
export * from "./render.js";
