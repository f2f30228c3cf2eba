/**
 * The report's plots: Vega-Lite specs (docs/sources.md#vega) compiled to Vega and rendered to
 * static SVG by Vega's headless view (no canvas, no browser), so the report holds every plot
 * inline and opens offline. Each plot draws one mark per row of its data.
 */
import * as vega from "vega";
import * as vl from "vega-lite";

/** One plot: its anchor, title, caption, Vega-Lite spec (data inline) and the number of rows it draws. */
export interface Plot {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly spec: Record<string, unknown>;
  /** Marks the plot draws: the rows of its data (every layer's). */
  readonly rows: number;
}

type Row = Readonly<Record<string, string | number>>;

const WIDTH = 520;
const HEIGHT = 300;

/** A one-layer plot of `rows` with `mark` and `encoding`. */
export function plot(id: string, title: string, caption: string, rows: readonly Row[], mark: Record<string, unknown>, encoding: Record<string, unknown>): Plot {
  return {
    id,
    title,
    caption,
    rows: rows.length,
    spec: { width: WIDTH, height: HEIGHT, data: { values: rows }, mark, encoding },
  };
}

/** A plot of layers, each its own rows, mark and encoding. */
export function layered(
  id: string,
  title: string,
  caption: string,
  layers: readonly { rows: readonly Row[]; mark: Record<string, unknown>; encoding: Record<string, unknown> }[],
): Plot {
  return {
    id,
    title,
    caption,
    rows: layers.reduce((n, l) => n + l.rows.length, 0),
    spec: { width: WIDTH, height: HEIGHT, layer: layers.map((l) => ({ data: { values: l.rows }, mark: l.mark, encoding: l.encoding })) },
  };
}

/** The plot rendered to an SVG element (its text), fonts and colours fixed, nothing fetched. */
export async function renderSvg(p: Plot): Promise<string> {
  const spec = {
    ...p.spec,
    config: { background: "white", font: "DejaVu Sans, Helvetica, Arial, sans-serif", view: { stroke: "#bbb" }, axis: { gridColor: "#eee" } },
  };
  const compiled = vl.compile(spec as vl.TopLevelSpec).spec;
  // A loader that refuses: every dataset is inline, so nothing may be fetched.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error("the report's plots fetch nothing"));
  const view = new vega.View(vega.parse(compiled), { renderer: "none", loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
