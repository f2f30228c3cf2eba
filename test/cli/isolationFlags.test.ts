/**
 * Every command that calls a grid or relation kernel (`plan`, `table`, `graph`, `emit …`) takes
 * the isolation flags of `dflow run` (one definition), says so in its help, and limits the
 * kernels by them: a kernel that never settles fails at `--task-timeout`, not after 3 h.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBin } from "../helpers/cli.js";

const PIPE = "test/fixtures/adversarial/adversarial.dflow";
/** Every grid and relation kernel behaves but `gnever`, which never settles. */
const ONLY_NEVER = ["exit", "timer", "reject", "null", "text", "getter", "memory", "malformed"].map((m) => `mode_${m}=ok`);
const NEVER =
  /error\[DF5008\]: The grid `gnever` could not be computed: its kernel `k\.keys` failed: it did not finish within 2 s \(--task-timeout\), so it was stopped/;

describe("the isolation flags of the commands that call grid and relation kernels", () => {
  let out = "";
  beforeAll(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "dflow-isoflags-"));
    // The product the grid kernels read exists: planning calls them.
    expect(runBin(["run", PIPE, "--out", out, "--only", "seed"]).code).toBe(0);
  });

  const commands: readonly (readonly string[])[] = [
    ["plan"],
    ["table"],
    ["graph", "--tasks", "work"],
    ["why", "work[n=0]"],
    ["emit", "plan", "--emit-dir", "EMIT"],
    ["emit", "make", "--emit-dir", "EMIT"],
    ["emit", "ts", "--emit-dir", "EMIT"],
    ["emit", "slurm", "--site", "sites/local.yaml", "--emit-dir", "EMIT"],
  ];

  it.each(commands.map((c) => [c.join(" "), c] as const))(
    "%s stops a never-settling grid kernel at --task-timeout, and lists the flags in its help",
    (_, cmd) => {
      const args = cmd.map((a) => (a === "EMIT" ? path.join(out, `emit-${cmd.join("-")}`) : a));
      const head = args.filter((a) => !a.startsWith("-") && !a.includes(path.sep) && a !== "work" && a !== "work[n=0]").slice(0, 2);
      const help = runBin([...head, "--help"]);
      expect(help.code).toBe(0);
      for (const flag of ["--timeout-factor <x>", "--task-timeout <duration>", "--task-memory <size>"]) expect(help.stdout).toContain(flag);
      expect(help.stdout).toContain("a grid or relation kernel");
      const t0 = Date.now();
      const r = runBin([...args.slice(0, head.length), PIPE, ...args.slice(head.length), "--out", out, "--task-timeout", "2s", "--set", ...ONLY_NEVER]);
      expect(r.stderr).toMatch(NEVER);
      expect(r.stderr).not.toContain("DF9001");
      expect(r.code).toBe(1);
      expect((Date.now() - t0) / 1000).toBeLessThan(20);
    },
  );

  it("refuses a malformed isolation flag as a usage diagnostic before planning", () => {
    const r = runBin(["plan", PIPE, "--out", out, "--task-memory", "12"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error[DF5001]: `--task-memory 12` must be a data size such as `2GB`.");
  });
});
