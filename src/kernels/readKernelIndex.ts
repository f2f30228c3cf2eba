/**
 * Reads a {@link KernelIndex} from TypeScript sources with ts-morph. ts-morph is loaded with a
 * dynamic import here and nowhere else, so a warm start (index from the cache) never loads it.
 */
import { dirname } from "node:path";
import type { CompilerOptions, SourceFile } from "ts-morph";
import { naturalCompare } from "../util/suggest.js";
import { KERNEL_INDEX_VERSION } from "./kernelIndexVersion.js";
import type { ReadProblem, TsMorph } from "./morphHelpers.js";
import { readKernels } from "./readKernels.js";
import { readProductTypes, type LoadedModule } from "./readProductTypes.js";
import { DATAMODEL_SPEC, installedDflow, PACKAGE_EXPORTS, stdlibRoot } from "./resolveModules.js";
import type { KernelIndex, ModuleInfo } from "./types.js";

/** Options of {@link readKernelIndex}. */
export interface ReadKernelIndexOptions {
  /** The content hash to record in the index (see `hashKernelSources`). */
  readonly hash?: string;
}

/**
 * Reads the product types and kernels of `modules` with ts-morph: types from every module,
 * kernels from every module but the data model. Kernels and types are sorted by name; a
 * module whose entry cannot be read is a problem of the index, not an exception.
 */
export async function readKernelIndex(modules: readonly ModuleInfo[], opts: ReadKernelIndexOptions = {}): Promise<KernelIndex> {
  const tm = await import("ts-morph");
  const stdlib = stdlibRoot();
  const project = new tm.Project({ skipAddingFilesFromTsConfig: true, compilerOptions: kernelCompilerOptions(tm, modules, stdlib) });
  const problems: ReadProblem[] = [];
  const loaded: LoadedModule[] = [];
  for (const info of modules) {
    try {
      loaded.push({ info, file: project.addSourceFileAtPath(info.entry) });
    } catch (e) {
      problems.push({
        message: `Module \`${info.spec}\` cannot be read: ${(e as Error).message.split("\n")[0] ?? ""}`,
        loc: { file: info.entry, start: 0, end: 0, line: 1, column: 1 },
      });
    }
  }
  project.resolveSourceFileDependencies();
  // Syntax errors only: type errors would cost a full check, and the checker reports what they break.
  const program = project.getProgram().compilerObject;
  for (const sf of project.getSourceFiles()) {
    if (sf.isDeclarationFile() || sf.isInNodeModules()) continue;
    for (const d of program.getSyntacticDiagnostics(sf.compilerNode)) {
      const start = d.start ?? 0;
      const { line, column } = sf.getLineAndColumnAtPos(start);
      const text = tm.ts.flattenDiagnosticMessageText(d.messageText, " ");
      problems.push({ message: `TypeScript syntax error: ${text}`, loc: { file: sf.getFilePath(), start, end: start + (d.length ?? 0), line, column } });
    }
  }

  const typesRead = readProductTypes(tm, loaded);
  problems.push(...typesRead.problems);
  const closures = new Map<SourceFile, readonly string[]>();
  const kernels = readKernels(
    tm,
    loaded.filter((m) => m.info.spec !== DATAMODEL_SPEC),
    { productTypes: new Set(typesRead.types.map((t) => t.name)), closureOf: (f) => importClosure(f, closures) },
  );

  const byName = <T extends { readonly name: string }>(a: T, b: T): number => naturalCompare(a.name, b.name);
  return {
    version: KERNEL_INDEX_VERSION,
    hash: opts.hash ?? "",
    modules: [...modules],
    kernels: kernels.sort(byName),
    types: [...typesRead.types].sort(byName),
    problems: problems.sort((a, b) => naturalCompare(a.loc.file, b.loc.file) || a.loc.start - b.loc.start || naturalCompare(a.message, b.message)),
  };
}

/**
 * The compiler options kernels are read and type-checked with: strict, ES2023 without Node's or
 * the DOM's globals (a kernel does no I/O of its own), and bare `stdlib/…`, `dflow/stdlib/…`,
 * `dflow/kernel` and `dflow/datamodel` resolving as {@link packagePaths} says.
 */
export function kernelCompilerOptions(tm: TsMorph, modules: readonly ModuleInfo[], stdlib: string | undefined): CompilerOptions {
  return {
    strict: true,
    exactOptionalPropertyTypes: true,
    target: tm.ts.ScriptTarget.ES2022,
    module: tm.ts.ModuleKind.NodeNext,
    moduleResolution: tm.ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2023.d.ts"],
    // Kernel signatures need no ambient types; leaving @types/node out keeps a cold read fast.
    types: [],
    skipLibCheck: true,
    noEmit: true,
    // dflow loads a kernel's `./x.ts` imports as well as `./x.js` ones.
    allowImportingTsExtensions: true,
    // A kernel may import the standard library by a bare `stdlib/…` (or `dflow/stdlib/…`) as well as by a relative path;
    // `dflow/kernel` and `dflow/datamodel` are an installed package's when the modules have one, else the running dflow's.
    ...(stdlib !== undefined ? { paths: { "stdlib/*": [`${stdlib}/*`], "dflow/stdlib/*": [`${stdlib}/*`], ...packagePaths(modules, stdlib) } } : {}),
  };
}

/** `paths` entries mapping the package's exports to the standard library, unless a module's directory sees an installed `dflow`. */
function packagePaths(modules: readonly ModuleInfo[], stdlib: string): Record<string, string[]> {
  if (modules.some((m) => m.spec !== DATAMODEL_SPEC && !m.entry.startsWith(stdlib) && installedDflow(dirname(m.entry)))) return {};
  return Object.fromEntries(Object.entries(PACKAGE_EXPORTS).map(([spec, file]) => [spec, [`${stdlib}/${file}`]]));
}

/**
 * `file` and every source file it imports or re-exports from, transitively (type-only imports
 * included: a product type's definition shapes what the runtime writes), as sorted absolute
 * paths; declaration files and node_modules are left out.
 */
function importClosure(file: SourceFile, memo: Map<SourceFile, readonly string[]>): readonly string[] {
  const known = memo.get(file);
  if (known !== undefined) return known;
  const seen = new Set<SourceFile>([file]);
  const todo = [file];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    const deps = [
      ...f.getImportDeclarations().map((d) => d.getModuleSpecifierSourceFile()),
      ...f.getExportDeclarations().map((d) => d.getModuleSpecifierSourceFile()),
    ];
    for (const d of deps) {
      if (d === undefined || seen.has(d) || d.isDeclarationFile() || d.isInNodeModules()) continue;
      seen.add(d);
      todo.push(d);
    }
  }
  const out = [...seen].map((f) => f.getFilePath() as string).sort();
  memo.set(file, out);
  return out;
}
