import type * as A from "../syntax/ast.js";

/**
 * The declarations of a pipeline, by namespace, in source order. Built once by
 * {@link buildScope}; every rule reads it. The first declaration of a duplicated name wins
 * (the duplicate is reported by `UniqueNamesRule`).
 */
export interface Scope {
  readonly program: A.ProgramNode;
  readonly imports: ReadonlyMap<string, A.ImportNode>;
  readonly params: ReadonlyMap<string, A.ParamNode>;
  readonly profiles: ReadonlyMap<string, A.ProfileNode>;
  readonly grids: ReadonlyMap<string, A.GridNode>;
  readonly relations: ReadonlyMap<string, A.RelationNode>;
  readonly products: ReadonlyMap<string, A.ProductNode>;
  readonly stages: ReadonlyMap<string, A.StageNode>;
  /** The stage (and its output item) producing each product; the first one when several do. */
  readonly producers: ReadonlyMap<string, readonly { readonly stage: A.StageNode; readonly output: A.OutputNode }[]>;
}

/** The name a type reference resolves by: the last part of `stdlib.Frame` (`Frame`); "" when it has none. The one place a product's type name is read from the syntax. */
export function typeRefName(ref: A.TypeRefNode): string {
  return ref.name.parts[ref.name.parts.length - 1]?.value ?? "";
}

/** The alias a kernel module is called by: `import stdlib.calib` → `calib`; `as` wins. */
export function importAlias(node: A.ImportNode): string {
  if (node.alias !== undefined) return node.alias.value;
  if (node.module.kind === "QualifiedName") return node.module.parts[node.module.parts.length - 1]?.value ?? "";
  const segs = node.module.value.split("/").filter((s) => s !== "" && s !== ".");
  return segs[segs.length - 1] ?? "";
}

/** Collects the declarations of `program` into namespaces. */
export function buildScope(program: A.ProgramNode): Scope {
  const imports = new Map<string, A.ImportNode>();
  const params = new Map<string, A.ParamNode>();
  const profiles = new Map<string, A.ProfileNode>();
  const grids = new Map<string, A.GridNode>();
  const relations = new Map<string, A.RelationNode>();
  const products = new Map<string, A.ProductNode>();
  const stages = new Map<string, A.StageNode>();
  const producers = new Map<string, { stage: A.StageNode; output: A.OutputNode }[]>();
  const first = <T>(m: Map<string, T>, k: string, v: T): void => {
    if (k !== "" && !m.has(k)) m.set(k, v);
  };
  for (const d of program.decls) {
    switch (d.kind) {
      case "Import":
        first(imports, importAlias(d), d);
        break;
      case "Param":
        first(params, d.name.value, d);
        break;
      case "Profile":
        first(profiles, d.name.value, d);
        break;
      case "Grid":
        first(grids, d.name.value, d);
        break;
      case "Relation":
        first(relations, d.name.value, d);
        break;
      case "Product":
        first(products, d.name.value, d);
        break;
      case "Stage":
        first(stages, d.name.value, d);
        for (const it of d.items) {
          if (it.kind !== "Output") continue;
          const list = producers.get(it.ref.product.value) ?? [];
          list.push({ stage: d, output: it });
          producers.set(it.ref.product.value, list);
        }
        break;
    }
  }
  return { program, imports, params, profiles, grids, relations, products, stages, producers };
}

/** The inputs, outputs, kernel binding, params and resources of a stage. */
export function stageParts(stage: A.StageNode): {
  inputs: A.InputNode[];
  outputs: A.OutputNode[];
  kernel: A.KernelBindingNode | undefined;
  params: A.StageParamNode[];
  resources: A.ResourceNode[];
  status: A.StatusNode | undefined;
  label: A.LabelNode | undefined;
  pack: A.PackNode | undefined;
} {
  const inputs: A.InputNode[] = [];
  const outputs: A.OutputNode[] = [];
  const params: A.StageParamNode[] = [];
  const resources: A.ResourceNode[] = [];
  let kernel: A.KernelBindingNode | undefined;
  let status: A.StatusNode | undefined;
  let label: A.LabelNode | undefined;
  let pack: A.PackNode | undefined;
  for (const it of stage.items) {
    if (it.kind === "Input") inputs.push(it);
    else if (it.kind === "Output") outputs.push(it);
    else if (it.kind === "StageParam") params.push(it);
    else if (it.kind === "Resource") resources.push(it);
    else if (it.kind === "KernelBinding") kernel ??= it;
    else if (it.kind === "Status") status ??= it;
    else if (it.kind === "Label") label ??= it;
    else if (it.kind === "Pack") pack ??= it;
  }
  return { inputs, outputs, kernel, params, resources, status, label, pack };
}

/** The name an input or output is passed to the kernel under: its own name, else the product's. */
export function portName(item: A.InputNode | A.OutputNode): string {
  return item.name?.value ?? item.ref.product.value;
}
