import { typeRefName } from "../Scope.js";
import type * as A from "../../syntax/ast.js";
import { suggest } from "../../util/suggest.js";
import type { CheckContext } from "../CheckContext.js";
import { attributeNames } from "../Env.js";
import { columnsOf } from "../compareTypes.js";

/**
 * A product's path template names only its axes, their attributes and params (DF3010);
 * cannot leave the output root (no leading `/`, no `..` segment, no `~`: DF3011); and is
 * injective by the static rule (DF3012): every axis appears at least once untruncated
 * (not only as `{axis/100}` or an attribute) where its boundaries are known, i.e. each side
 * is the start or end of the path, literal text, or a fixed-width neighbour, or the field
 * itself is fixed width (`{x:08d}`, or a grid of literal keys of one length). What cannot be
 * proven here (a key longer than its width, a key holding `/`) is checked at plan time.
 */
export function PathTemplateRule(ctx: CheckContext): void {
  for (const product of ctx.scope.products.values()) {
    const t = product.path;
    if (t === undefined) continue;
    const axes = product.axes.map((a) => a.value);
    const raw = t.raw.value;
    if (raw.startsWith("/") || raw.startsWith("~") || raw.split("/").some((seg) => seg === "..")) {
      ctx.report("DF3011", `The path of \`${product.name.value}\` can leave the output root.`, t.loc, {
        label: raw.startsWith("/") ? "an absolute path" : raw.startsWith("~") ? "a home-relative path" : "a `..` segment",
        help: "paths are relative to the output root (`--out`); source products outside it are linked or copied in",
      });
    }
    let bad = false;
    for (const part of t.parts) {
      if (part.kind !== "TemplateField") continue;
      const head = part.path[0];
      if (head === undefined) continue;
      if (axes.includes(head.value)) {
        const attr = part.path[1];
        const grid = ctx.scope.grids.get(head.value);
        if (grid !== undefined) ctx.names.use(head.loc, ctx.names.symbol("grid", grid.name, grid));
        const attrDecl = grid?.domain.kind === "ColumnDomain" ? grid.domain.attributes.find((x) => x.name.value === attr?.value) : undefined;
        if (attr !== undefined && attrDecl !== undefined) ctx.names.use(attr.loc, ctx.names.symbol("attribute", attrDecl.name, grid!, head.value));
        if (attr !== undefined && grid !== undefined && !attributeNames(grid).includes(attr.value)) {
          bad = true;
          ctx.report("DF3010", `Grid \`${head.value}\` has no attribute \`${attr.value}\` for the path of \`${product.name.value}\`.`, attr.loc, {
            label: "unknown attribute",
            suggestions: suggest(attr.value, attributeNames(grid)),
          });
        }
        if (part.path.length > 2) {
          bad = true;
          ctx.report("DF3010", "A path field names an axis or one of its attributes, not a longer path.", part.loc, { label: "too deep" });
        }
      } else if (ctx.scope.params.has(head.value) && part.path.length === 1) {
        // A param: constant for the run.
        const param = ctx.scope.params.get(head.value)!;
        ctx.names.use(head.loc, ctx.names.symbol("param", param.name, param));
      } else {
        bad = true;
        ctx.report("DF3010", `\`${head.value}\` is not an axis of \`${product.name.value}\` or a param, so the path cannot use it.`, head.loc, {
          label: "unknown key",
          suggestions: suggest(head.value, [...axes, ...ctx.scope.params.keys()]),
          secondary: [{ span: product.name.loc, message: `\`${product.name.value}\` has axes [${axes.join(", ")}]` }],
        });
      }
    }
    if (bad) continue;
    for (const axis of product.axes) {
      const ok = t.parts.some(
        (p, i) => p.kind === "TemplateField" && p.path.length === 1 && p.path[0]!.value === axis.value && p.divisor === undefined && separated(ctx, t.parts, i),
      );
      if (ok) continue;
      const appears = t.parts.some((p) => p.kind === "TemplateField" && p.path[0]?.value === axis.value);
      ctx.report(
        "DF3012",
        appears
          ? `The path of \`${product.name.value}\` does not show axis \`${axis.value}\` whole and delimited, so two keys could share a file.`
          : `The path of \`${product.name.value}\` does not use axis \`${axis.value}\`, so all its keys would share a file.`,
        t.loc,
        {
          label: `\`{${axis.value}}\` needed`,
          secondary: [{ span: axis.loc, message: "axis declared here" }],
          help: `add \`{${axis.value}}\` between delimiters such as \`/\`, \`-\` or \`.\`, or give it a fixed width: \`{${axis.value}:08d}\``,
        },
      );
    }
  }
}

/** The characters a field's values may hold: `null` means any path-safe character. */
function alphabet(ctx: CheckContext, f: A.TemplateFieldNode): Set<string> | null {
  const DIGITS = new Set("0123456789");
  if (f.divisor !== undefined || (f.format !== undefined && /d$/.test(f.format))) return DIGITS;
  if (f.format !== undefined && /x$/.test(f.format)) return new Set("0123456789abcdef");
  const head = f.path[0]!.value;
  const grid = ctx.scope.grids.get(f.path.length > 1 && ctx.scope.grids.has(f.path[1]!.value) ? f.path[1]!.value : head);
  if (grid === undefined) return null;
  if (f.path.length > 1 && !ctx.scope.grids.has(f.path[1]!.value)) {
    const a = grid.domain.kind === "ColumnDomain" ? grid.domain.attributes.find((x) => x.name.value === f.path[1]!.value) : undefined;
    const t = a?.type?.name.parts.map((p) => p.value).join(".");
    return t === "int" || t === "date" ? DIGITS : null;
  }
  const t = grid.type?.name.parts.map((p) => p.value).join(".");
  if (t === "int" || t === "date") return DIGITS;
  const d = grid.domain;
  if (d.kind === "RangeDomain") return d.range.lo.kind === "Number" ? DIGITS : new Set("-0123456789");
  if (d.kind === "SetDomain") {
    const chars = new Set<string>();
    for (const x of d.set.items)
      for (const ch of x.kind === "Ref" ? x.name.value : x.kind === "String" ? x.value : x.kind === "Number" ? x.raw : "?") chars.add(ch);
    return chars;
  }
  if (d.kind === "ColumnDomain" && ctx.index !== undefined) {
    const product = ctx.scope.products.get(d.product.value);
    const tn = product !== undefined ? typeRefName(product.type) : "";
    const type = ctx.types.get(tn);
    const col = type !== undefined ? columnsOf(type).get(d.column.value) : undefined;
    if (col !== undefined && /^[iu]\d+$/.test(col.dtype)) return new Set("-0123456789");
  }
  return null;
}

const SAFE_CHARS = new Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.+-");

/** Whether `text` holds a character no value of a field with `alpha` can hold. */
function delimits(text: string, alpha: Set<string> | null): boolean {
  for (const ch of text) if (alpha === null ? !SAFE_CHARS.has(ch) : !alpha.has(ch)) return true;
  return false;
}

/**
 * Whether field `i` can be read back from a rendered path: scanning from the start, its left
 * boundary is known and then its right one (it is fixed width, or the text after it holds a
 * character its values cannot hold, or it ends the path); or the same scanning from the end.
 */
function separated(ctx: CheckContext, parts: readonly (A.TemplateTextNode | A.TemplateFieldNode)[], i: number): boolean {
  const info = parts.map((p) => (p.kind === "TemplateField" ? { fixed: fixedWidth(ctx, p), alpha: alphabet(ctx, p) } : undefined));
  const fwd: [boolean, boolean][] = [];
  let known = true;
  parts.forEach((p, j) => {
    if (p.kind === "TemplateText") return;
    const next = parts[j + 1];
    const right: boolean = known && (info[j]!.fixed || next === undefined || (next.kind === "TemplateText" && delimits(next.text, info[j]!.alpha)));
    fwd[j] = [known, right];
    known = right;
  });
  const bwd: [boolean, boolean][] = [];
  known = true;
  for (let j = parts.length - 1; j >= 0; j--) {
    const p = parts[j]!;
    if (p.kind === "TemplateText") continue;
    const prev = parts[j - 1];
    const left: boolean = known && (info[j]!.fixed || prev === undefined || (prev.kind === "TemplateText" && delimits(prev.text, info[j]!.alpha)));
    bwd[j] = [left, known];
    known = left;
  }
  return (fwd[i]![0] && fwd[i]![1]) || (bwd[i]![0] && bwd[i]![1]);
}

/** Whether every value of a field prints with the same number of characters. */
export function fixedWidth(ctx: CheckContext, f: A.TemplateFieldNode): boolean {
  if (f.format !== undefined && /^0\d+[dx]$/.test(f.format)) return true;
  if (f.path.length !== 1 || f.divisor !== undefined) return false;
  const grid = ctx.scope.grids.get(f.path[0]!.value);
  if (grid === undefined) return ctx.scope.params.has(f.path[0]!.value);
  const d = grid.domain;
  if (d.kind === "SetDomain") {
    const lens = new Set(
      d.set.items.map((x) => (x.kind === "Ref" ? x.name.value.length : x.kind === "String" ? x.value.length : x.kind === "Number" ? x.raw.length : -1)),
    );
    return lens.size === 1 && !lens.has(-1);
  }
  if (d.kind === "RangeDomain" && d.range.lo.kind === "Number" && d.range.hi.kind === "Number") {
    return d.range.lo.raw.length === d.range.hi.raw.length && !d.range.lo.raw.startsWith("-");
  }
  return false;
}
