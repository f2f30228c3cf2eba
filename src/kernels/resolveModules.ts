import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { suggest } from "../util/suggest.js";
import type { ModuleInfo } from "./types.js";

/** The import spec of the data model, which every `.dflow` file sees implicitly. */
export const DATAMODEL_SPEC = "stdlib.datamodel";

/** The alias of the implicit data-model module. */
export const DATAMODEL_ALIAS = "datamodel";

/**
 * One `import` of a `.dflow` file, as plain data: `module` is the dotted name's parts
 * (`import stdlib.calib` → `["stdlib", "calib"]`) or the string of a path import
 * (`import "./kernels" as mine` → `"./kernels"`).
 */
export interface ModuleRequest {
  readonly module: readonly string[] | string;
  readonly alias?: string;
}

/** An import that could not be resolved; `index` is its position in the request list (-1: the implicit data model). */
export interface ModuleProblem {
  readonly spec: string;
  readonly message: string;
  readonly index: number;
  /** Close module names, whole (`stdlib.group`), for a did-you-mean fix. */
  readonly suggestions?: readonly string[];
}

/** The modules an import list names, in order (data model first), and the imports that failed. */
export interface ResolvedModules {
  readonly modules: readonly ModuleInfo[];
  readonly problems: readonly ModuleProblem[];
}

/** Options of {@link resolveModules}. */
export interface ResolveOptions {
  /** The standard library's root directory (default: {@link stdlibRoot}). */
  readonly stdlibRoot?: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The directory of the standard library: `$DFLOW_STDLIB` when set, else the `stdlib/` folder
 * next to the running code, found by walking up from this file until a directory holds
 * `stdlib/kernel.ts` (`<repo>/stdlib` from sources, `<dist>/../stdlib` from the bundle).
 * `undefined` when there is none.
 */
export function stdlibRoot(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env["DFLOW_STDLIB"];
  if (fromEnv !== undefined && fromEnv !== "") return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "stdlib", "kernel.ts"))) return join(dir, "stdlib");
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Resolves the imports of the `.dflow` file at `dflowFile` to module entry files: `stdlib.calib`
 * is `<stdlib>/calib/index.ts` (alias `calib`), `"./kernels" as mine` is
 * `<dir of dflowFile>/kernels/index.ts` (alias `mine`, else the path's last segment). The data
 * model `stdlib.datamodel` comes first, implicitly. Missing modules and unusable aliases are
 * returned as problems; the other modules are still returned.
 */
export function resolveModules(dflowFile: string, imports: readonly ModuleRequest[], opts: ResolveOptions = {}): ResolvedModules {
  const root = opts.stdlibRoot ?? stdlibRoot();
  const modules: ModuleInfo[] = [];
  const problems: ModuleProblem[] = [];
  const aliases = new Map<string, string>();

  const stdlibEntry = (parts: readonly string[]): string | undefined => (root === undefined ? undefined : join(root, ...parts, "index.ts"));
  const noStdlib = "the standard library was not found; set DFLOW_STDLIB to its directory";

  imports.forEach((req, index) => {
    const spec = typeof req.module === "string" ? req.module : req.module.join(".");
    // How the import is shown in messages: as written in the `.dflow` file.
    const shown = typeof req.module === "string" ? JSON.stringify(req.module) : spec;
    let entry: string | undefined;
    let alias: string;
    if (typeof req.module === "string") {
      const path = req.module;
      const base = isAbsolute(path) ? path : resolve(dirname(resolve(dflowFile)), path);
      entry = path.endsWith(".ts") ? base : join(base, "index.ts");
      alias = req.alias ?? basename(path.replace(/[/\\]+$/, "")).replace(/\.ts$/, "");
      if (!isFile(entry)) {
        const what = path.endsWith(".ts") ? `\`${entry}\` does not exist` : `there is no \`${join(base, "index.ts")}\``;
        problems.push({ spec, index, message: `Module \`${shown}\` was not found: ${what}.` });
        return;
      }
    } else {
      const parts = req.module;
      alias = req.alias ?? parts[parts.length - 1] ?? "";
      if (parts[0] !== "stdlib" || parts.length < 2) {
        problems.push({
          spec,
          index,
          message: `\`${spec}\` is not a standard-library module (those are named \`stdlib.<name>\`); import a directory of your own with a string: \`import "./${parts.join("/")}" as ${alias}\`.`,
        });
        return;
      }
      entry = stdlibEntry(parts.slice(1));
      if (entry === undefined) {
        problems.push({ spec, index, message: `Module \`${spec}\` cannot be resolved: ${noStdlib}.` });
        return;
      }
      if (!isFile(entry)) {
        const known = root === undefined ? [] : stdlibModuleNames(root);
        const close = suggest(spec, known);
        const hint = close.length > 0 ? ` Did you mean ${close.map((c) => `\`${c}\``).join(", ")}?` : "";
        problems.push({ spec, index, message: `Module \`${spec}\` was not found: there is no \`${entry}\`.${hint}`, suggestions: close });
        return;
      }
    }
    if (!IDENT.test(alias)) {
      problems.push({ spec, index, message: `Module \`${shown}\` needs a name to qualify its kernels with; \`${alias}\` is not a name: add \`as <name>\`.` });
      return;
    }
    const prev = aliases.get(alias);
    if (prev !== undefined) {
      problems.push({ spec, index, message: `Two imports are named \`${alias}\` (\`${prev}\` and \`${shown}\`); rename one with \`as <name>\`.` });
      return;
    }
    aliases.set(alias, shown);
    modules.push({ alias, spec, entry: resolve(entry) });
  });

  // The data model is always visible, unless it was imported explicitly (under any name).
  const dm = stdlibEntry(["datamodel"]);
  if (dm === undefined) {
    problems.push({ spec: DATAMODEL_SPEC, index: -1, message: `The data model cannot be resolved: ${noStdlib}.` });
  } else if (!modules.some((m) => m.entry === resolve(dm))) {
    if (!isFile(dm)) {
      problems.push({ spec: DATAMODEL_SPEC, index: -1, message: `The data model was not found: there is no \`${dm}\`.` });
    } else if (aliases.has(DATAMODEL_ALIAS)) {
      problems.push({
        spec: DATAMODEL_SPEC,
        index: -1,
        message: `The name \`${DATAMODEL_ALIAS}\` is reserved for the data model; import \`${aliases.get(DATAMODEL_ALIAS) ?? ""}\` under another name.`,
      });
    } else {
      modules.unshift({ alias: DATAMODEL_ALIAS, spec: DATAMODEL_SPEC, entry: resolve(dm) });
    }
  }
  return { modules, problems };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `stdlib.x.y` for every directory under the standard library that has an `index.ts` (for suggestions). */
function stdlibModuleNames(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string, depth: number): void => {
    if (depth > 3) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith(".") || e.name === "node_modules") continue;
      const name = `${prefix}.${e.name}`;
      if (isFile(join(dir, e.name, "index.ts"))) out.push(name);
      walk(join(dir, e.name), name, depth + 1);
    }
  };
  walk(root, "stdlib", 0);
  return out.sort();
}

/** The package's public modules (package.json "exports") and the stdlib file each one is built from. */
export const PACKAGE_EXPORTS: Readonly<Record<string, string>> = { "dflow/kernel": "kernel.ts", "dflow/datamodel": "datamodel/index.ts" };

/**
 * Whether a `dflow` package is installed where Node and TypeScript look from `dir` (a
 * `node_modules/dflow` in it or above it): then `dflow/kernel` is that package's, as in the user's
 * editor; else dflow resolves it to its own standard library.
 */
export function installedDflow(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules", "dflow", "package.json"))) return true;
    if (dirname(d) === d) return false;
  }
}
