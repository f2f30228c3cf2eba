import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { selectedTaskIds } from "../../src/runtime/runPlannedTasks.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-element-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, "tasks.txt"), "make[n=0]\tmake[n=1]\nmake[n=2]\n");
writeFileSync(path.join(dir, "empty.txt"), "");
const pick = (element: string | undefined, file = "tasks.txt"): { value?: string[]; messages: string[] } => {
  const r = selectedTaskIds({ ids: [], tasksFile: file, ...(element !== undefined ? { element } : {}) }, dir);
  return { ...(r.value !== undefined ? { value: r.value } : {}), messages: r.diagnostics.map((d) => `${d.code} ${d.message}`) };
};

describe("--tasks-file with --element", () => {
  it("takes the ids of line N, counted from 0", () => {
    expect(pick("0").value).toEqual(["make[n=0]", "make[n=1]"]);
    expect(pick("1").value).toEqual(["make[n=2]"]);
  });

  it("says of a value that is not a line number the flag, the value and what it accepts", () => {
    expect(pick("x").messages).toEqual(["DF5001 `--element x` is not a line number: it takes a line number of `tasks.txt`, 0 to 1."]);
    expect(pick("-1").messages).toEqual(["DF5001 `--element -1` is not a line number: it takes a line number of `tasks.txt`, 0 to 1."]);
    expect(pick("1.5").messages).toEqual(["DF5001 `--element 1.5` is not a line number: it takes a line number of `tasks.txt`, 0 to 1."]);
  });

  it("says a line past the file's last is past it, and an empty file has no lines", () => {
    expect(pick("2").messages).toEqual(["DF5001 `--element 2` is past the last line: it takes a line number of `tasks.txt`, 0 to 1."]);
    expect(pick("0", "empty.txt").messages).toEqual(["DF5001 `--element 0` is past the last line: `empty.txt` has no lines."]);
  });

  it("asks for --element when the tasks file comes without it", () => {
    expect(pick(undefined).messages).toEqual(["DF5001 `--tasks-file tasks.txt` needs `--element N`: it takes a line number of `tasks.txt`, 0 to 1."]);
  });
});
