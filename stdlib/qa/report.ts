/**
 * The `qa.report` kernel: the run's QA from its products, the redshift catalogue against the
 * simulation's truth, the exposures' depth from the cframes, the fiber assignment from the
 * fibermaps and the targets, the sky from the tiles; written as an HTML page with plots and a
 * JSON summary whose lines `dflow run` prints at its end.
 */
import type { CFrame } from "../datamodel/CFrame.js";
import type { ExposureList } from "../datamodel/ExposureList.js";
import type { Fibermap } from "../datamodel/Fibermap.js";
import type { Targets } from "../datamodel/Targets.js";
import type { TileTable } from "../datamodel/TileTable.js";
import type { Truth } from "../datamodel/Truth.js";
import type { ZCatalog } from "../datamodel/ZCatalog.js";
import { KernelError, type Gather, type Handle, type KernelContext } from "../kernel.js";
import { buildPlots } from "./buildPlots.js";
import type { QaReport, QaSummary } from "./QaReport.js";
import { readAssigned, readCatalogue, readDepths, readTargets, readTiles, readTruth } from "./readInputs.js";
import { classCounts, DZ_CORRECT, type ClassCounts } from "./redshiftQa.js";
import { renderReport } from "./renderReport.js";
import { assignmentByClass } from "./skyQa.js";

/**
 * The QA report and summary of a survey run.
 *
 * @param inputs.zcatalog the redshift catalogue
 * @param inputs.truth the simulation's truth, every pixel's
 * @param inputs.targets the targets, every pixel's
 * @param inputs.fibermaps every tile's fiber assignment
 * @param inputs.tiles the survey's tiles
 * @param inputs.exposures the survey's exposures
 * @param inputs.cframes the calibrated frames of the science exposures
 * @param params.title the report's title
 */
export async function report(
  inputs: {
    readonly zcatalog: Handle<ZCatalog>;
    readonly truth: Gather<Truth>;
    readonly targets: Gather<Targets>;
    readonly fibermaps: Gather<Fibermap>;
    readonly tiles: Handle<TileTable>;
    readonly exposures: Handle<ExposureList>;
    readonly cframes: Gather<CFrame>;
  },
  params: { readonly title?: string },
  ctx: KernelContext,
): Promise<{ report: QaReport; summary: QaSummary }> {
  const title = params.title ?? "dflow QA report";
  const truth = await readTruth(inputs.truth);
  const cat = await readCatalogue(inputs.zcatalog, truth);
  if (cat.matched.length === 0) throw new KernelError(`no primary row of the catalogue has a truth (${cat.unmatched} without one)`);
  const tiles = await readTiles(inputs.tiles);
  const assignment = assignmentByClass(await readTargets(inputs.targets), truth, await readAssigned(inputs.fibermaps), tiles);
  const depths = await readDepths(inputs.exposures, inputs.cframes);
  const counts = classCounts(cat.matched);
  const inFields = assignment.reduce((n, a) => n + a.inFields, 0);
  const assigned = assignment.reduce((n, a) => n + a.assigned, 0);
  const notes = [
    `A redshift is correct when ZWARN = 0, |Δz|/(1 + z_true) < ${DZ_CORRECT} (1000 km/s) and SPECTYPE is the true spectral type. Success: correct / observed; purity: correct / confident (ZWARN = 0).`,
    `Fiber assignment: ${assigned} of ${inFields} targets in the tiles' fields (${((100 * assigned) / Math.max(1, inFields)).toFixed(1)} %).`,
    ...(cat.unmatched > 0 ? [`${cat.unmatched} primary rows of the catalogue have no truth and are left out.`] : []),
  ];
  const plots = buildPlots({ matched: cat.matched, depths, assignment, tiles, observed: cat.radec });
  const html = await renderReport(title, counts, depths, plots, notes);
  ctx.log(`${cat.matched.length} targets matched to truth, ${depths.length} exposures, ${plots.length} plots`);
  return {
    report: { html },
    summary: {
      summary: summaryLines(counts, assigned, inFields),
      classes: counts.map((c) => c.cls),
      observed: counts.map((c) => c.observed),
      confident: counts.map((c) => c.confident),
      correct: counts.map((c) => c.correct),
      targetsInFields: inFields,
      targetsAssigned: assigned,
    },
  };
}

/** The lines printed at the end of the run: success and purity per class against truth, and the fiber assignment. */
export function summaryLines(counts: readonly ClassCounts[], assigned: number, inFields: number): string[] {
  const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : "–");
  const head = ["class", "observed", "ZWARN=0", "correct", "success", "purity"];
  const rows = counts.map((c) => [c.cls, String(c.observed), String(c.confident), String(c.correct), pct(c.correct, c.observed), pct(c.correct, c.confident)]);
  const sum = (f: (c: ClassCounts) => number): number => counts.reduce((n, c) => n + f(c), 0);
  const [o, k, g] = [sum((c) => c.observed), sum((c) => c.confident), sum((c) => c.correct)];
  rows.push(["all", String(o), String(k), String(g), pct(g, o), pct(g, k)]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => "  " + r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join("  ");
  return [
    `redshifts against truth (correct: ZWARN = 0, |Δz|/(1+z) < ${DZ_CORRECT}, true SPECTYPE):`,
    line(head),
    ...rows.map(line),
    `fiber assignment: ${assigned} of ${inFields} targets in the tiles' fields (${pct(assigned, inFields)})`,
  ];
}
