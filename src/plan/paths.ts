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
export function compilePath(parts: readonly BoundTemplatePart[], axes: readonly string[], grids: ReadonlyMap<string, ResolvedGrid>, params: ReadonlyMap<string, Value>): PathRenderer {
  const pieces: ((keys: ArrayLike<number>) => string)[] = [];
  for (const p of parts) {
    if (p.kind === "text") {
      const t = p.text;
      pieces.push(() => t);
      continue;
    }
    const head = p.path[0] ?? "";
    const axis = axes.indexOf(head);
    const fmt = p.format;
    if (axis < 0) {
      const v = params.get(head);
      const s = v === undefined ? "" : formatField(v, fmt);
      pieces.push(() => s);
      continue;
    }
    const grid = grids.get(head);
    const attr = p.path[1] !== undefined ? grid?.attributes.get(p.path[1]) : undefined;
    const div = p.divisor;
    const keys = grid?.keys ?? [];
    if (attr !== undefined) {
      const vals = attr.values;
      pieces.push((k) => formatField(vals[k[axis]!] ?? "", fmt));
    } else if (div !== undefined) {
      pieces.push((k) => {
        const v = keys[k[axis]!];
        return formatField(typeof v === "number" ? Math.floor(v / div) : Math.floor(Number(v) / div), fmt);
      });
    } else if (fmt === undefined) {
      const cache = keys.map((v) => String(v));
      pieces.push((k) => cache[k[axis]!] ?? "");
    } else {
      const cache = keys.map((v) => formatField(v, fmt));
      pieces.push((k) => cache[k[axis]!] ?? "");
    }
  }
  if (pieces.length === 1) return pieces[0]!;
  return (keys) => {
    let s = "";
    for (const f of pieces) s += f(keys);
    return s;
  };
}

/** Characters a key may hold: it reaches paths, task ids and shell scripts. */
export const SAFE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
