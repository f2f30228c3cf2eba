import type { BoundTemplatePart } from "../bound/index.js";
import type { ResolvedGrid } from "./ResolvedGrid.js";
import type { Value } from "./values.js";

/** Renders a product instance's path (relative to the output root) from its axis key indices. */
export type PathRenderer = (keys: ArrayLike<number>) => string;

/** Formats one field value: `08d` zero-pads to 8 digits, `x` is lower-case hexadecimal, `s` or none prints as is. */
export function formatField(v: Value, format: string | undefined): string {
  if (format === undefined || format === "s") return String(v);
  const m = /^(0?)(\d*)([dsx])$/.exec(format);
  if (m === null) return String(v);
  const [, zero, width, kind] = m;
  let s = kind === "x" && typeof v === "number" ? v.toString(16) : String(v);
  const w = Number(width || "0");
  if (s.length < w) {
    const neg = s.startsWith("-");
    const body = neg ? s.slice(1) : s;
    s = zero === "0" ? (neg ? "-" : "") + body.padStart(w - (neg ? 1 : 0), "0") : s.padStart(w, " ");
  }
  return s;
}

/**
 * Compiles a product's path template into a renderer over its axes' key indices. Fields:
 * `{axis}`, `{axis.attr}`, `{axis/100}` (integer division), `{param}`, each with an optional
 * format. Missing attribute values render as empty strings (the checker has rejected unknown ones).
 */
export function compilePath(
  parts: readonly BoundTemplatePart[],
  axes: readonly string[],
  grids: ReadonlyMap<string, ResolvedGrid>,
  params: ReadonlyMap<string, Value>,
): PathRenderer {
  const spec: PathPiece[] = [];
  for (const p of parts) {
    if (p.kind === "text") {
      spec.push(p.text);
      continue;
    }
    const head = p.path[0] ?? "";
    const axis = axes.indexOf(head);
    const fmt = p.format;
    if (axis < 0) {
      const v = params.get(head);
      spec.push(v === undefined ? "" : formatField(v, fmt));
      continue;
    }
    const grid = grids.get(head);
    const attr = p.path[1] !== undefined ? grid?.attributes.get(p.path[1]) : undefined;
    const div = p.divisor;
    const keys = grid?.keys ?? [];
    let table: string[];
    if (attr !== undefined) {
      const vals = attr.values;
      table = Array.from(keys, (_, i) => formatField(vals[i] ?? "", fmt));
    } else if (div !== undefined) table = keys.map((v) => formatField(typeof v === "number" ? Math.floor(v / div) : Math.floor(Number(v) / div), fmt));
    else table = keys.map((v) => (fmt === undefined ? String(v) : formatField(v, fmt)));
    spec.push({ axis, id: `${head}\0${attr !== undefined ? p.path[1]! : ""}\0${div ?? ""}\0${fmt ?? ""}`, table });
  }
  const pieces = spec.map((x): ((keys: ArrayLike<number>) => string) => {
    if (typeof x === "string") return () => x;
    const { axis, table } = x;
    return (k) => table[k[axis]!] ?? "";
  });
  const render: PathRenderer =
    pieces.length === 1
      ? pieces[0]!
      : (keys) => {
          let s = "";
          for (const f of pieces) s += f(keys);
          return s;
        };
  piecesOf.set(render, spec);
  return render;
}

/**
 * One piece of a compiled path template: literal text (params are constants), or the rendering
 * of a field per key index of the product's axis `axis` (`id` names what is rendered: grid,
 * attribute, divisor, format, so that equal tables can be stored once).
 */
export type PathPiece = string | { readonly axis: number; readonly id: string; readonly table: readonly string[] };

const piecesOf = new WeakMap<PathRenderer, readonly PathPiece[]>();

/** The pieces a renderer of {@link compilePath} concatenates, so a plan file can store the template rather than every path. */
export function pathPieces(render: PathRenderer): readonly PathPiece[] | undefined {
  return piecesOf.get(render);
}

/** Characters a key may hold: it reaches paths, task ids and shell scripts. */
export const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
