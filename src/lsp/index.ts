/** `dflow lsp`: the language server of `.dflow` files, on the compiler's own phases. */
export { startServer, toLspDiagnostic } from "./server.js";
export { analyze, IndexCache, lintOf, planOf, type Analysis, type AnalysisSettings, type PlanResult } from "./analyze.js";
