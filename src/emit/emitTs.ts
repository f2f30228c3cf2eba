import path from "node:path";
import { portName, stageParts, type CheckedProgram } from "../check/index.js";
import type { Plan } from "../plan/index.js";
import type { KernelIndex } from "../kernels/index.js";
import { DFLOW_VERSION } from "../version.js";

/** An emitted file: where it goes (relative to the emit directory) and its text in chunks. */
export interface EmittedFile {
  readonly path: string;
  readonly chunks: Iterable<string>;
}

function ident(s: string): string {
  return s.replace(/[^A-Za-z0-9_$]/g, "_");
}

/** `.ts` → `.js` import specifier for an absolute source path, relative to `fromDir`. */
function spec(fromDir: string, file: string): string {
  let rel = path.relative(fromDir, file).split(path.sep).join("/").replace(/\.ts$/, ".js");
  if (!rel.startsWith(".")) rel = "./" + rel;
  return rel;
}

/**
 * The TypeScript driver of a plan, built with ts-morph: it imports every kernel, and for each
 * stage an adapter calls its kernel with inputs of the product types the pipeline declares and
 * the params the plan resolved, so `tsc --noEmit` checks the pipeline's wiring against the
 * kernels' signatures. Its `main` runs an emitted plan (`dflow emit plan`) with the adapters.
 */
export async function emitTs(checked: CheckedProgram, plan: Plan, emitDir: string, source: string, repoSrc: string): Promise<EmittedFile> {
  const index = checked.index as KernelIndex;
  const { Project, VariableDeclarationKind } = await import("ts-morph");
  const project = new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile("driver.ts", "", { overwrite: true });
  const modules = new Map<string, string>();
  const stages = [...checked.scope.stages.values()];
  for (const s of stages) {
    const k = stageParts(s).kernel?.kernel.parts.map((p) => p.value).join(".") ?? "";
    const info = index.kernels.find((x) => x.name === k);
    const mod = info !== undefined ? index.modules.find((m) => m.alias === info.module) : undefined;
    if (mod !== undefined) modules.set(mod.alias, mod.entry);
  }
  const typeModules = new Map<string, string[]>();
  for (const p of checked.scope.products.values()) {
    const tname = p.type.name.parts[p.type.name.parts.length - 1]!.value;
    const t = index.types.find((x) => x.name === tname);
    if (t === undefined) continue;
    const list = typeModules.get(t.loc.file) ?? [];
    if (!list.includes(tname)) list.push(tname);
    typeModules.set(t.loc.file, list);
  }
  file.addImportDeclaration({ moduleSpecifier: spec(emitDir, path.join(repoSrc, "..", "stdlib", "kernel.ts")), namedImports: ["Handle", "KernelContext"], isTypeOnly: true });
  file.addImportDeclaration({ moduleSpecifier: spec(emitDir, path.join(repoSrc, "runtime", "driverMain.ts")), namedImports: ["runEmittedPlan"] });
  for (const [alias, entry] of [...modules].sort()) file.addImportDeclaration({ moduleSpecifier: spec(emitDir, entry), namespaceImport: `k_${ident(alias)}` });
  for (const [f, names] of [...typeModules].sort()) file.addImportDeclaration({ moduleSpecifier: spec(emitDir, f), namedImports: names.sort(), isTypeOnly: true });
  const adapters: string[] = [];
  for (const s of stages) {
    const parts = stageParts(s);
    const kname = parts.kernel?.kernel.parts.map((p) => p.value).join(".") ?? "";
    const info = index.kernels.find((x) => x.name === kname);
    if (info === undefined) continue;
    const typeOf = (product: string): string => {
      const p = checked.scope.products.get(product)!;
      return p.type.name.parts[p.type.name.parts.length - 1]!.value;
    };
    const inputs = parts.inputs.map((i) => {
      const port = info.inputs.find((x) => x.name === portName(i));
      const t = typeOf(i.ref.product.value);
      const v = i.gather === undefined ? `inputs[${JSON.stringify(portName(i))}] as Handle<${t}>` : port?.collection === "stream" ? `inputs[${JSON.stringify(portName(i))}] as AsyncIterable<Handle<${t}>>` : `inputs[${JSON.stringify(portName(i))}] as readonly Handle<${t}>[]`;
      return `${JSON.stringify(portName(i))}: ${v}`;
    });
    const outputs = parts.outputs.map((o) => `${JSON.stringify(portName(o))}: result[${JSON.stringify(portName(o))}] satisfies ${typeOf(o.ref.product.value)}`);
    const name = `stage_${ident(s.name.value)}`;
    adapters.push(`${JSON.stringify(s.name.value)}: ${name}`);
    const mod = `k_${ident(info.module)}`;
    file.addFunction({
      name,
      isAsync: true,
      docs: [`Stage \`${s.name.value}\`: kernel \`${kname}\` called with the pipeline's product types.`],
      parameters: [
        { name: "inputs", type: "Readonly<Record<string, unknown>>" },
        { name: "params", type: "Readonly<Record<string, unknown>>" },
        { name: "ctx", type: "KernelContext" },
      ],
      returnType: "Promise<Record<string, unknown>>",
      statements: [
        `const result = await ${mod}.${info.exportName}({ ${inputs.join(", ")} }, params as Parameters<typeof ${mod}.${info.exportName}>[1], ctx);`,
        `return { ${outputs.join(", ")} };`,
      ],
    });
  }
  file.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: ["The adapter of every stage, by stage name."],
    declarations: [{ name: "stages", initializer: `{ ${adapters.join(", ")} }` }],
  });
  file.addStatements(`/** Runs task ids of an emitted plan (\`dflow emit plan\`): \`node driver.js PLAN_DIR ID…\` once compiled. */
export async function main(argv: readonly string[]): Promise<number> {
  return runEmittedPlan(argv[0] ?? ${JSON.stringify(plan.out)}, argv.slice(1), stages);
}`);
  file.formatText({ indentSize: 2 });
  const header = `// Generated by dflow ${DFLOW_VERSION} from ${source}. Do not edit: \`dflow emit ts\` writes it again.\n`;
  return { path: "driver.ts", chunks: [header, file.getFullText()] };
}
