/**
 * A path that is not UTF-8 cannot reach dflow intact (Node replaces the bytes with U+FFFD): it
 * is reported as such, not as a file that "does not exist", and `--out` of such a name is
 * refused instead of writing into a directory of another name.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PIPE = path.resolve("test/fixtures/run/run.dflow");

/** Runs the bundled dflow through bash, so that `ARGS` may hold raw bytes (`\xfe`, expanded by printf). */
function runRaw(cwd: string, ...args: string[]): { code: number; stderr: string } {
  const words = args.map((a) => `"$(printf '%b' '${a.replace(/'/g, "'\\''")}')"`).join(" ");
  const r = spawnSync("bash", ["-c", `exec "${process.execPath}" "${path.resolve("dist/dflow.js")}" ${words}`], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

describe("paths that are not UTF-8", () => {
  it("a .dflow file whose name is not UTF-8 is named as such, not as missing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-bytes-"));
    // The file exists, under a name with the byte 0xfe.
    writeFileSync(Buffer.concat([Buffer.from(dir + "/p"), Buffer.from([0xfe]), Buffer.from(".dflow")]), "pipeline p\n");
    const r = runRaw(dir, "check", "p\\xfe.dflow");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DF1000]: Cannot read `p\uFFFD.dflow`: its name is not valid UTF-8");
    expect(r.stderr).not.toContain("does not exist");
  });

  it("an --out whose name is not UTF-8 is refused before any work (DF5016), writing nothing", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-bytes-"));
    copyFileSync(PIPE, path.join(dir, "run.dflow"));
    const r = runRaw(dir, "run", PIPE, "--out", "o\\xfe");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error[DF5016]: `--out o\uFFFD` is not valid UTF-8");
    expect(readdirSync(dir)).toEqual(["run.dflow"]);
  });
});
