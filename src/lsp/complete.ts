import { UNIT_DEFINITIONS } from "../units/index.js";
import type { KernelIndex } from "../kernels/index.js";
import { keywordWords, type DeclNode } from "../syntax/index.js";
import type { Analysis } from "./analyze.js";

/** One completion: the text and what it is (the server maps the kind to LSP's). */
export interface Completion {
  readonly label: string;
  readonly kind: "name" | "attribute" | "kernel" | "unit" | "param" | "keyword" | "type";
  readonly detail?: string;
}

/**
 * The grid of `name` at `offset`: a variable of the declaration holding `offset` on the grid the
 * checker bound it to (a relation's gather `(e, p) in observes(h)` included), read from the
 * resolution table of the analysis or of the last one that checked; else, from the parse, a
 * stage's or relation's own variable; else a grid of that name (`{exposure.` in a path).
 */
function gridOfVar(a: Analysis, lastGood: Analysis | undefined, offset: number, name: string, lastChecked?: Analysis): string | undefined {
  for (const an of [a, lastChecked]) {
    const holder = an?.parsed?.ast.decls.find((x) => x.loc.start <= offset && offset <= x.loc.end);
    const v = an?.checked?.names.declared().find((s) => s.kind === "variable" && s.name === name && s.node === holder);
    if (v?.grid !== undefined && v.grid !== "") return v.grid;
  }
  const d = (a.parsed ?? lastGood?.parsed)?.ast.decls.find((x) => x.loc.start <= offset && offset <= x.loc.end);
  if (d?.kind === "Stage") {
    const own = d.vars.find((v) => v.name.value === name)?.grid.value;
    if (own !== undefined) return own;
  }
  if (d?.kind === "Relation") return [...d.from, ...d.to].find((v) => v.name.value === name)?.grid.value;
  return name !== "" ? gridNamed(a, lastGood, name) : undefined;
}

const gridNamed = (a: Analysis, lastGood: Analysis | undefined, name: string): string | undefined =>
  (a.parsed ?? lastGood?.parsed)?.ast.decls.some((d) => d.kind === "Grid" && d.name.value === name) === true ? name : undefined;

/** The attributes of a grid: its key and the attributes its column domain declares. */
function gridAttributes(a: Analysis, lastGood: Analysis | undefined, grid: string): Completion[] {
  const g = (a.parsed ?? lastGood?.parsed)?.ast.decls.find((d) => d.kind === "Grid" && d.name.value === grid);
  if (g?.kind !== "Grid" || g.domain.kind !== "ColumnDomain") return [];
  return g.domain.attributes.map((x) => ({ label: x.name.value, kind: "attribute" as const, detail: `${grid}: column ${x.column.value}` }));
}

/** The kernel whose stage holds `offset`, with its params. */
function stageKernelParams(a: Analysis, index: KernelIndex | undefined, offset: number): Completion[] {
  const d = a.parsed?.ast.decls.find((x) => x.loc.start <= offset && offset <= x.loc.end);
  if (d?.kind !== "Stage") return [];
  const k = d.items.find((i) => i.kind === "KernelBinding");
  const name = k?.kernel.parts.map((p) => p.value).join(".");
  const info = index?.kernels.find((x) => x.name === name);
  return (info?.params ?? []).map((p) => ({ label: p.name, kind: "param" as const, detail: `${p.type}${p.unit !== undefined ? ` (${p.unit})` : ""}` }));
}

/** The names declared in a parse: top-level declarations, and the variables of the declaration holding `offset`. */
function declaredNames(decls: readonly DeclNode[], offset: number): Completion[] {
  const out: Completion[] = [];
  for (const d of decls) {
    if (d.kind === "Import") continue;
    out.push({ label: d.name.value, kind: "name", detail: d.kind.toLowerCase() });
    if (offset < d.loc.start || offset > d.loc.end) continue;
    const vars =
      d.kind === "Stage"
        ? [...d.vars.map((v) => v.name), ...d.items.flatMap((i) => (i.kind === "Input" ? (i.gather?.clauses.flatMap((c) => c.vars) ?? []) : []))]
        : d.kind === "Relation"
          ? [...d.from, ...d.to].map((v) => v.name)
          : [];
    for (const v of vars) out.push({ label: v.value, kind: "name", detail: "variable" });
  }
  return out.filter((c) => c.label !== "");
}

/**
 * Completions at `offset` of the analysed text `text` (the current one, possibly newer than the
 * analysis): after `v.` a variable's grid attributes or a module's kernels; after a number a
 * unit; after `product NAME :` the product types with their format; elsewhere the declared names, kernels, the stage kernel's params and the keywords.
 * While the text does not check (or parse), the kernels are those of `lastGood`, the newest
 * version whose imports could be read, and the names those of the current parse; a variable's
 * grid is the checker's, of this analysis or of `lastChecked`, the newest version that checked.
 */
export function completionsAt(a: Analysis, lastGood: Analysis | undefined, text: string, offset: number, lastChecked?: Analysis): Completion[] {
  const before = text.slice(0, offset);
  const member = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/.exec(before);
  const index = a.index ?? lastGood?.index;
  const kernels = index?.kernels ?? [];
  if (member !== null) {
    const head = member[1]!;
    const mod = kernels.filter((k) => k.name.startsWith(`${head}.`));
    if (mod.length > 0) return mod.map((k) => ({ label: k.name.slice(head.length + 1), kind: "kernel", detail: k.kind }));
    const grid = gridOfVar(a, lastGood, offset, head, lastChecked);
    return grid !== undefined ? gridAttributes(a, lastGood, grid) : [];
  }
  if (/\bproduct\s+[A-Za-z_][A-Za-z0-9_]*\s*(\[[^\]]*\])?\s*:\s*[A-Za-z0-9_]*$/.test(before)) {
    return (index?.types ?? []).map((t) => ({ label: t.name, kind: "type" as const, detail: `${t.format} product (${t.module})` }));
  }
  if (/[0-9.]\s*[A-Za-z]*$/.test(before) && /[0-9]/.test(/([0-9.]+)\s*[A-Za-z]*$/.exec(before)?.[1] ?? "")) {
    return UNIT_DEFINITIONS.flatMap((u) => u.names.map((n) => ({ label: n, kind: "unit" as const, detail: u.description })));
  }
  const names = new Map<string, Completion>();
  for (const c of declaredNames((a.parsed ?? lastGood?.parsed)?.ast.decls ?? [], offset)) if (!names.has(c.label)) names.set(c.label, c);
  return [
    ...names.values(),
    ...kernels.map((k) => ({ label: k.name, kind: "kernel" as const, detail: k.kind })),
    ...stageKernelParams(a, index, offset),
    ...keywordWords.map((w) => ({ label: w, kind: "keyword" as const })),
  ];
}
