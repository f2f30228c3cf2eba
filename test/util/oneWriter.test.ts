import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve("src");
const WRITER = path.join("util", "writeFileAtomic.ts");

/** Every TypeScript file under src/, relative to it. */
function sources(dir = SRC): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith(".ts")) out.push(path.relative(SRC, p));
  }
  return out.sort();
}

/** Lines of `file` that match `re`, as `file:line: text`. */
function matches(file: string, re: RegExp): string[] {
  return readFileSync(path.join(SRC, file), "utf8")
    .split("\n")
    .flatMap((line, i) => (re.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** Renaming, and names of temporary files (`x.tmp`, `x.tmp-…`, `tmp = …`, names built from the pid or the thread id). */
const RENAME_OR_TEMPORARY = /\brenameSync\b|\brename\s*\(|\.tmp\b|\btmp-|\btmp\w*\s*=|\bprocess\.pid\b|\bthreadId\b/;
/** Whole-file writers of node:fs. */
const WRITE = /\b(writeFileSync|writeFile|createWriteStream|copyFileSync|cpSync)\s*\(|\bopenSync\s*\([^)]*["'][wa]/;
/** Run logs are appended while a kernel runs, so a crash keeps what it printed: they are not written whole. */
const LOGS = new Set([path.join("runtime", "executeTask.ts")]);

describe("one writer of files", () => {
  it("src/util/writeFileAtomic.ts is the only module that renames or names temporary files", () => {
    const files = sources();
    expect(files).toContain(WRITER);
    expect(files.filter((f) => f !== WRITER).flatMap((f) => matches(f, RENAME_OR_TEMPORARY))).toEqual([]);
    // The scan can fail: the writer itself matches.
    expect(matches(WRITER, RENAME_OR_TEMPORARY).length).toBeGreaterThan(0);
  });

  it("no other module writes a whole file (only run logs are appended in place)", () => {
    const found = sources()
      .filter((f) => f !== WRITER)
      .flatMap((f) => matches(f, WRITE).map((m) => ({ f, m })));
    expect(found.filter(({ f }) => !LOGS.has(f)).map(({ m }) => m)).toEqual([]);
    for (const { m } of found) expect(m).toMatch(/logFile/);
  });
});
