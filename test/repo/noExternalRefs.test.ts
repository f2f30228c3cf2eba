/**
 * The repository cites primary sources (papers, DESI repository files, data-model pages; see
 * docs/sources.md), never a document outside it. This scans every text file under src/, stdlib/,
 * test/, bench/ and docs/ (and the top-level Markdown files) for the names of such documents, and
 * checks that every `docs/sources.md#<anchor>` a file cites exists. The forbidden names are built
 * from parts so that this file does not contain them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const TREES = ["src", "stdlib", "test", "bench", "docs"];
const SKIP_DIRS = new Set(["node_modules", ".git", "dist"]);

/** Names of documents outside the repository that code and docs must not cite. */
const FORBIDDEN = [["desi", "md"].join("."), ["redrock-format", "md"].join("."), ["..", "shared"].join("/"), ["DESIGN", "§"].join(" ")];

/**
 * Where `found` occurs in `line` as a citation. A relative path into a sibling `shared` folder is
 * one, unless it is a module path ending in .js/.ts/.mjs inside quotes (a test fixture's import of
 * its own `shared/` module is code, not a citation).
 */
function cites(line: string, found: string): boolean {
  let at = line.indexOf(found);
  while (at >= 0) {
    if (!(found === FORBIDDEN[2] && /^[\w/.-]*\.(js|ts|mjs)["'`]/.test(line.slice(at + found.length)))) return true;
    at = line.indexOf(found, at + 1);
  }
  return false;
}

/** Every file under `dir`, depth first, skipping build output and dependencies. */
function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** The file's text, or undefined for a binary file (a NUL byte in its first 8 kB). */
function readText(path: string): string | undefined {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  return bytes.toString("utf8");
}

interface Hit {
  file: string;
  line: number;
  found: string;
}

/** Every line of every text file under `roots` (relative to `base`) that names a forbidden document. */
function externalRefs(base: string, roots: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  for (const root of roots) {
    let files: string[];
    try {
      files = statSync(join(base, root)).isDirectory() ? walk(join(base, root)) : [join(base, root)];
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) continue;
      text.split("\n").forEach((lineText, i) => {
        for (const found of FORBIDDEN) {
          if (cites(lineText, found)) hits.push({ file: relative(base, file), line: i + 1, found });
        }
      });
    }
  }
  return hits;
}

/** The top-level Markdown files of the repository (README.md and the like). */
function topLevelMarkdown(base: string): string[] {
  return readdirSync(base).filter((name) => name.endsWith(".md") && statSync(join(base, name)).isFile());
}

describe("no reference to documents outside the repository", () => {
  test("src/, stdlib/, test/, bench/, docs/ and the top-level Markdown files name none of them", () => {
    const hits = externalRefs(ROOT, [...TREES, ...topLevelMarkdown(ROOT)]);
    expect(hits.map((h) => `${h.file}:${h.line}: ${h.found}`)).toEqual([]);
  });

  test("the scan finds planted references in nested text files and ignores binary files and module imports", () => {
    const dir = mkdtempSync(join(tmpdir(), "dflow-refs-"));
    try {
      mkdirSync(join(dir, "stdlib", "deep"), { recursive: true });
      writeFileSync(join(dir, "stdlib", "ok.ts"), "/** Cites the telescope section of docs/sources.md. */\n");
      writeFileSync(join(dir, "stdlib", "deep", "bad.ts"), `const a = 1;\n// see ${FORBIDDEN[0]} §1.4\n// ${FORBIDDEN[2]}/x.md\n`);
      writeFileSync(join(dir, "stdlib", "module.ts"), `import type { A } from "${FORBIDDEN[2]}/index.js";\n`);
      writeFileSync(join(dir, "stdlib", "blob.bin"), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(FORBIDDEN[1]!)]));
      mkdirSync(join(dir, "test"));
      writeFileSync(join(dir, "test", "t.md"), `the ${FORBIDDEN[1]} contract\n`);
      const hits = externalRefs(dir, ["stdlib", "test", "bench"]);
      expect(hits).toEqual([
        { file: join("stdlib", "deep", "bad.ts"), line: 2, found: FORBIDDEN[0] },
        { file: join("stdlib", "deep", "bad.ts"), line: 3, found: FORBIDDEN[2] },
        { file: join("test", "t.md"), line: 1, found: FORBIDDEN[1] },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const doc of ["sources.md", "conventions.md"]) {
  describe(`citations of docs/${doc}`, () => {
    const text = readFileSync(join(ROOT, "docs", doc), "utf8");
    const all = [...text.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]);
    const anchors = new Set(all);

    test(`docs/${doc} defines anchors, each once`, () => {
      expect(all.length).toBeGreaterThan(doc === "sources.md" ? 10 : 3);
      expect(all.length).toBe(anchors.size);
    });

    test(`every anchor of docs/${doc} cited under src/, stdlib/, test/, bench/ and docs/ exists`, () => {
      const cite = new RegExp(`${doc.replace(".", "\\.")}#([A-Za-z0-9-]+)`, "g");
      const missing: string[] = [];
      for (const tree of TREES) {
        for (const file of walk(join(ROOT, tree))) {
          const body = readText(file);
          if (body === undefined) continue;
          for (const m of body.matchAll(cite)) {
            if (!anchors.has(m[1])) missing.push(`${relative(ROOT, file)}: #${m[1]}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  });
}
