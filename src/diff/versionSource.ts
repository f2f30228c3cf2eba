/**
 * The two sides of `dflow diff`: a `.dflow` file in the working tree, or a git revision of it
 * (`main`, `HEAD~1`, `REV:path`). A revision's tree is read with `git archive` into a directory
 * of the kernel cache named by the tree's hash, once: its `.dflow`, its kernels and its data
 * model are then read from there as the working tree's are. Git runs with an argument vector,
 * never through a shell.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { kernelCacheDir } from "../kernels/index.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";

/** One side of a diff, ready to be read. */
export interface Version {
  /** The `.dflow` file on disk (in the working tree, or in a revision's extracted tree). */
  readonly file: string;
  /** How the side is named in reports: the path as given, or `REV:path`. */
  readonly label: string;
  /** For a revision: its extracted tree, the revision, and the standard library read from it (when the tree holds one). */
  readonly tree?: { readonly dir: string; readonly rev: string; readonly stdlibRoot?: string };
}

/** A spec that cannot be read: the message says why. */
export class VersionError extends Error {}

function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 26 }).trim();
  } catch (e) {
    const err = (e as { stderr?: Buffer | string }).stderr;
    const why = (typeof err === "string" ? err : (err?.toString("utf8") ?? "")).trim().split("\n")[0] ?? "";
    throw new VersionError(`git ${args.join(" ")} failed${why !== "" ? `: ${why}` : ""}`);
  }
}

/** Whether `spec` names a file of the working tree. */
function isFile(spec: string, cwd: string): boolean {
  try {
    return statSync(path.resolve(cwd, spec)).isFile();
  } catch {
    return false;
  }
}

/** Extracts `tree` (a tree hash) of the repository at `top` under the cache, once; returns its directory. */
function extractTree(top: string, tree: string, cacheDir: string): string {
  const dir = path.join(cacheDir, "diff-trees", tree);
  const done = path.join(dir, ".dflow-tree-complete");
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", "--format=tar", tree], { cwd: top, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  execFileSync("tar", ["-x", "-f", "-", "-C", dir], { input: archive, stdio: ["pipe", "ignore", "pipe"] });
  writeFileAtomic(done, tree + "\n", { fsync: false });
  return dir;
}

/**
 * Reads the specs of both sides. A spec is a file when one exists at that path; else `REV:path`
 * or a bare revision, whose path is the other side's (or `file`, the third argument) relative to
 * the repository's top. Throws {@link VersionError} with the reason when a side cannot be found.
 */
export function resolveVersions(
  base: string,
  head: string,
  file: string | undefined,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { base: Version; head: Version } {
  const parsed = [base, head].map((spec) => {
    if (isFile(spec, cwd)) return { kind: "file" as const, spec, path: path.resolve(cwd, spec) };
    const colon = spec.indexOf(":");
    if (colon > 0) return { kind: "rev" as const, spec, rev: spec.slice(0, colon), path: path.resolve(cwd, spec.slice(colon + 1)) };
    return { kind: "rev" as const, spec, rev: spec, path: undefined };
  });
  const named = file !== undefined ? path.resolve(cwd, file) : parsed.find((p) => p.path !== undefined)?.path;
  return {
    base: toVersion(parsed[0]!, named, cwd, env),
    head: toVersion(parsed[1]!, named, cwd, env),
  };
}

type Spec = { kind: "file"; spec: string; path: string } | { kind: "rev"; spec: string; rev: string; path: string | undefined };

function toVersion(s: Spec, named: string | undefined, cwd: string, env: NodeJS.ProcessEnv): Version {
  if (s.kind === "file") return { file: s.path, label: s.spec };
  const want = s.path ?? named;
  if (want === undefined)
    throw new VersionError(
      `\`${s.spec}\` is a revision, and no side names a .dflow file: give one (\`dflow diff ${s.spec} HEAD pipelines/p.dflow\`, or \`${s.spec}:pipelines/p.dflow\`)`,
    );
  const top = git(existsSync(path.dirname(want)) ? path.dirname(want) : cwd, ["rev-parse", "--show-toplevel"]);
  const rel = path.relative(top, want).split(path.sep).join("/");
  if (rel.startsWith("..")) throw new VersionError(`\`${want}\` is not in the git repository at ${top}`);
  const tree = git(top, ["rev-parse", "--verify", "--quiet", `${s.rev}^{tree}`]);
  const dir = extractTree(top, tree, kernelCacheDir(env));
  const fileInTree = path.join(dir, rel);
  if (!existsSync(fileInTree)) throw new VersionError(`revision \`${s.rev}\` has no file \`${rel}\``);
  const stdlib = path.join(dir, "stdlib");
  return {
    file: fileInTree,
    label: `${s.rev}:${rel}`,
    tree: { dir, rev: s.rev, ...(existsSync(path.join(stdlib, "kernel.ts")) ? { stdlibRoot: stdlib } : {}) },
  };
}
