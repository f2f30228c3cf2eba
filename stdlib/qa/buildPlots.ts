/** The report's plots from the QA computations, one mark per row of each plot's data. */
import type { ExposureDepth } from "./exposureQa.js";
import { layered, plot, type Plot } from "./plots.js";
import { binnedSuccess, DZ_CORRECT, nOfZ, round, type MatchedTarget } from "./redshiftQa.js";

const q = (field: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ field, type: "quantitative", title, ...extra });
const colour = { field: "class", type: "nominal", title: "true class" };

/** What the plots are drawn from. */
export interface PlotInputs {
  readonly matched: readonly MatchedTarget[];
  readonly depths: readonly ExposureDepth[];
  readonly assignment: readonly { readonly cls: string; readonly inFields: number; readonly assigned: number }[];
  readonly tiles: readonly { readonly tileid: number; readonly ra: number; readonly dec: number }[];
  readonly observed: readonly { readonly ra: number; readonly dec: number; readonly cls: string }[];
}

/** Every plot of the report, in the report's order. */
export function buildPlots(p: PlotInputs): Plot[] {
  const confident = p.matched.filter((t) => t.zwarn === 0);
  const dz = confident.map((t) => ({ class: t.cls, z: round(t.ztrue), dz: round((t.z - t.ztrue) / (1 + t.ztrue)) }));
  const point = { type: "point", filled: true, size: 18, opacity: 0.7 };
  return [
    plot(
      "dz",
      "Δz/(1+z) against true z, per class",
      `Confident redshifts (ZWARN = 0); a redshift is correct within ±${DZ_CORRECT} (1000 km/s). Points outside are catastrophic failures.`,
      dz,
      point,
      { x: q("z", "true redshift"), y: q("dz", "(z − z_true)/(1 + z_true)", { scale: { type: "symlog", constant: 0.001 } }), color: colour },
    ),
    plot(
      "success-mag",
      "Redshift success against magnitude",
      "Fraction of observed targets with a correct, confident redshift, in 0.5 mag bins of the truth's magnitude (r for galaxies and stars, z for LRGs).",
      binnedSuccess(p.matched, (t) => t.mag, 0.5).map((b) => ({ class: b.cls, mag: b.x, success: round(b.success), n: b.n })),
      { type: "point", filled: true, size: 60 },
      { x: q("mag", "magnitude", { scale: { zero: false } }), y: q("success", "success", { scale: { domain: [0, 1] } }), color: colour },
    ),
    plot(
      "success-oii",
      "ELG redshift success against [OII] flux",
      "Fraction of observed ELGs with a correct, confident redshift, in 0.2 dex bins of the true [OII] flux (erg/s/cm²).",
      binnedSuccess(
        p.matched.filter((t) => t.cls === "ELG" && t.oii > 0),
        (t) => Math.log10(t.oii),
        0.2,
      ).map((b) => ({ class: b.cls, log_oii: b.x, success: round(b.success), n: b.n })),
      { type: "point", filled: true, size: 60 },
      { x: q("log_oii", "log10 [OII] flux (erg/s/cm²)", { scale: { zero: false } }), y: q("success", "success", { scale: { domain: [0, 1] } }), color: colour },
    ),
    plot(
      "efftime",
      "TSNR2 and effective time per exposure",
      "Median over science fibers of TSNR2_LRG summed over b, r and z, as effective time (SNR2TIME · TSNR2), per science exposure.",
      p.depths.map((d) => ({ EXPID: String(d.expid), EFFTIME_SPEC: round(d.efftimeSpec), TSNR2_LRG: round(d.tsnr2Lrg) })),
      { type: "bar" },
      { x: { field: "EXPID", type: "ordinal", title: "exposure" }, y: q("EFFTIME_SPEC", "EFFTIME from TSNR2_LRG (s)") },
    ),
    plot(
      "nz",
      "n(z): recovered against true",
      "Observed targets per 0.1 bin of true redshift, and confident redshifts (ZWARN = 0) per 0.1 bin of measured redshift.",
      nOfZ(p.matched, 0.1).map((b) => ({ kind: b.kind, z: b.z, count: b.count })),
      { type: "point", filled: true, size: 50 },
      {
        x: q("z", "redshift"),
        y: q("count", "targets per Δz = 0.1"),
        color: { field: "kind", type: "nominal", title: "redshift" },
        shape: { field: "kind", type: "nominal" },
      },
    ),
    plot(
      "fiberassign",
      "Fiber-assignment efficiency",
      "Fraction of the targets in the tiles' fields a fiber was assigned to, per true class.",
      p.assignment.map((a) => ({ class: a.cls, efficiency: round(a.assigned / a.inFields), assigned: a.assigned, targets: a.inFields })),
      { type: "bar" },
      { x: { field: "class", type: "nominal", title: "true class" }, y: q("efficiency", "assigned fraction", { scale: { domain: [0, 1] } }), color: colour },
    ),
    layered("sky", "Sky coverage", "The tiles' centres (crosses) and the observed targets, coloured by true class (RA increasing to the left).", [
      {
        rows: p.observed.map((o) => ({ class: o.cls, ra: round(o.ra), dec: round(o.dec) })),
        mark: { type: "point", filled: true, size: 8, opacity: 0.6 },
        encoding: { x: q("ra", "RA (deg)", { scale: { reverse: true, zero: false } }), y: q("dec", "Dec (deg)", { scale: { zero: false } }), color: colour },
      },
      {
        rows: p.tiles.map((t) => ({ tile: String(t.tileid), ra: round(t.ra), dec: round(t.dec) })),
        mark: { type: "point", shape: "cross", filled: true, size: 200, color: "black" },
        encoding: { x: q("ra", "RA (deg)"), y: q("dec", "Dec (deg)") },
      },
    ]),
  ];
}
