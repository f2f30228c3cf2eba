/** The report's page: the summary table, the exposures' table and every plot as inline SVG. */
import type { ExposureDepth } from "./exposureQa.js";
import { renderSvg, type Plot } from "./plots.js";
import type { ClassCounts } from "./redshiftQa.js";

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : "–");

/** The page of the report. */
export async function renderReport(
  title: string,
  counts: readonly ClassCounts[],
  depths: readonly ExposureDepth[],
  plots: readonly Plot[],
  notes: readonly string[],
): Promise<string> {
  const rows = counts.map(
    (c) =>
      `<tr><td>${esc(c.cls)}</td><td>${c.observed}</td><td>${c.confident}</td><td>${c.correct}</td><td>${pct(c.correct, c.observed)}</td><td>${pct(c.correct, c.confident)}</td></tr>`,
  );
  const exp = depths.map(
    (d) =>
      `<tr><td>${d.expid}</td><td>${d.night}</td><td>${d.tileid}</td><td>${d.exptime.toFixed(0)}</td><td>${d.efftimePlanned.toFixed(0)}</td><td>${d.tsnr2Lrg.toFixed(2)}</td><td>${d.efftimeSpec.toFixed(0)}</td><td>${d.nfiber}</td></tr>`,
  );
  const figures: string[] = [];
  for (const p of plots) {
    const svg = await renderSvg(p);
    figures.push(
      `<figure id="${esc(p.id)}" class="plot" data-rows="${p.rows}"><h2>${esc(p.title)}</h2>${svg}<figcaption>${esc(p.caption)} (${p.rows} marks)</figcaption></figure>`,
    );
  }
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${esc(title)}</title>`,
    "<style>body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}td:first-child,th:first-child{text-align:left}figure{display:inline-block;margin:1em;vertical-align:top}figcaption{max-width:560px;font-size:.85em;color:#444}h2{font-size:1.05em}</style>",
    "</head><body>",
    `<h1>${esc(title)}</h1>`,
    `<nav>${plots.map((p) => `<a href="#${esc(p.id)}">${esc(p.title)}</a>`).join(" · ")}</nav>`,
    "<h2>Redshifts against truth</h2>",
    "<table><tr><th>true class</th><th>observed</th><th>ZWARN = 0</th><th>correct</th><th>success</th><th>purity</th></tr>",
    ...rows,
    "</table>",
    ...notes.map((n) => `<p>${esc(n)}</p>`),
    "<h2>Exposures</h2>",
    "<table><tr><th>EXPID</th><th>NIGHT</th><th>TILEID</th><th>EXPTIME (s)</th><th>EFFTIME planned (s)</th><th>TSNR2_LRG</th><th>EFFTIME from TSNR2 (s)</th><th>fibers</th></tr>",
    ...exp,
    "</table>",
    ...figures,
    "</body></html>",
    "",
  ].join("\n");
}
