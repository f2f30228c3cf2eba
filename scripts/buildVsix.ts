/**
 * Writes the VS Code extension's `.vsix` (see vsix.ts): `node scripts/run.mjs scripts/buildVsix.ts [OUT_DIR]`,
 * by default into dist/. Install it with `code --install-extension dist/dflow-VERSION.vsix`.
 */
import path from "node:path";
import { writeFileAtomic } from "../src/util/writeFileAtomic.js";
import { buildVsix } from "./vsix.js";

const outDir = path.resolve(process.argv[2] ?? "dist");
const v = buildVsix(path.resolve("editors/vscode"));
const file = path.join(outDir, v.name);
writeFileAtomic(file, v.bytes);
console.log(`wrote ${path.relative(process.cwd(), file)} (${v.bytes.length} bytes)`);
