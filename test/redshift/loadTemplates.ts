/** Test and script support: the stdlib's trained templates, read from stdlib/redshift/data. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readTemplateFits, type Template } from "../../stdlib/redshift/index.js";

const beside = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../stdlib/redshift/data");

/** Directory of the trained template files (found from this file, or from the repository root when bundled). */
export const TEMPLATE_DIR = existsSync(beside) ? beside : path.resolve("stdlib/redshift/data");

/** Every `rrtemplate-*.fits` in `dir` (default: the trained ones). */
export function loadTemplates(dir = TEMPLATE_DIR): Template[] {
  return readdirSync(dir)
    .filter((f) => /^rrtemplate-.*\.fits$/.test(f))
    .sort()
    .map((f) => readTemplateFits(path.join(dir, f), f));
}
