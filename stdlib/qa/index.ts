/**
 * QA of a survey run from its products: redshift success and purity per class against the
 * simulation's truth, Δz/(1+z), success against magnitude and [OII] flux, n(z), TSNR2 and
 * effective time per exposure, fiber-assignment efficiency and sky coverage, as an HTML report
 * with Vega-Lite plots rendered to inline SVG and a JSON summary `dflow run` prints.
 */
export type { QaReport, QaSummary } from "./QaReport.js";
export { report, summaryLines } from "./report.js";
export { binnedSuccess, classCounts, DZ_CORRECT, isCorrect, nOfZ } from "./redshiftQa.js";
export type { ClassCounts, MatchedTarget, NzBin, SuccessBin } from "./redshiftQa.js";
export { exposureDepth, median } from "./exposureQa.js";
export type { ExposureDepth } from "./exposureQa.js";
export { assignmentByClass } from "./skyQa.js";
export { buildPlots } from "./buildPlots.js";
export type { PlotInputs } from "./buildPlots.js";
export { renderSvg } from "./plots.js";
export type { Plot } from "./plots.js";
export { renderReport } from "./renderReport.js";
