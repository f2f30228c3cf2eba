import path from "node:path";
import { fileURLToPath } from "node:url";
import { isKernelError } from "../../stdlib/kernel.js";

/** What a thrown value says: a one-line message for the report and the text for the task's log. */
export interface ThrownText {
  readonly message: string;
  readonly log: string;
}

const MAX = 300;

/** `f()`, or `undefined` when it throws (a getter, a proxy trap or a `toString` of a kernel's value). */
function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

function clip(s: string): string {
  const line = s.replace(/\s*\n\s*/g, " ").trim();
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
}

/**
 * Where in a kernel's own source an error was thrown: the first frame of its stack in a
 * TypeScript file (source maps name the kernel's file, not its transpiled copy), as
 * `FILE:LINE:COLUMN` (relative to the working directory when under it); `undefined` without one.
 */
export function thrownAt(e: unknown): string | undefined {
  const stack = attempt(() => (typeof e === "object" && e !== null ? (e as { stack?: unknown }).stack : undefined));
  if (typeof stack !== "string") return undefined;
  for (const m of stack.matchAll(/(?:\(|at )((?:file:\/\/)?[^\s()]+\.[cm]?tsx?):(\d+):(\d+)\)?/g)) {
    let file = m[1]!;
    if (file.startsWith("file://")) file = attempt(() => fileURLToPath(file)) ?? file;
    if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    const rel = path.relative(process.cwd(), file);
    return `${rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

/**
 * A readable message for any value a kernel throws or rejects with (`throw null`, `throw "text"`,
 * an error whose `message` getter throws, a proxy), never itself throwing. A `KernelError`
 * (stdlib/kernel.ts) gives its message alone, and no stack in the log: it is the kernel saying
 * what failed in its domain. Another error gives its name (when not plain `Error`) and message,
 * with its stack in the log.
 */
export function thrownText(e: unknown, who = "the kernel"): ThrownText {
  if (e === null || e === undefined) return { message: `${who} threw \`${String(e)}\``, log: `${who} threw ${String(e)}` };
  if (typeof e === "string") return { message: e.trim() === "" ? `${who} threw an empty string` : clip(e), log: e };
  if (typeof e !== "object" && typeof e !== "function") {
    const s = attempt(() => String(e as number | bigint | boolean | symbol)) ?? typeof e;
    return { message: `${who} threw ${typeof e} ${clip(s)}`, log: s };
  }
  if (attempt(() => isKernelError(e)) === true) {
    const m = attempt(() => (e as Error).message);
    const text = typeof m === "string" && m.trim() !== "" ? m : "the kernel reported an error without a message";
    return { message: clip(text), log: text };
  }
  const unreadable =
    attempt(() => {
      void (e as { message?: unknown }).message;
      return false;
    }) === undefined;
  const message = attempt(() => (e as { message?: unknown }).message);
  const name = attempt(() => (e as { name?: unknown }).name);
  const stack = attempt(() => (e as { stack?: unknown }).stack);
  const label = typeof name === "string" && name !== "" && name !== "Error" ? `${name}: ` : "";
  let text: string;
  if (unreadable) text = `${who} threw an object whose \`message\` cannot be read`;
  else if (typeof message === "string" && message.trim() !== "") text = label + message;
  else if (typeof message === "string" || message === undefined) {
    const json = message === undefined ? attempt(() => JSON.stringify(e)) : undefined;
    // An object JSON cannot write (a cycle, a BigInt, a throwing getter) is named by its keys.
    const keys = json === undefined ? attempt(() => Object.keys(e)) : undefined;
    text =
      typeof json === "string" && json !== "{}"
        ? `${who} threw ${json}`
        : keys !== undefined && keys.length > 0
          ? `${who} threw an object {${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}} without a message`
          : `${who} threw ${label === "" ? (attempt(() => Object.prototype.toString.call(e)) ?? "an object") : label.slice(0, -2)} without a message`;
  } else text = `${who} threw an error whose message is not text`;
  return { message: clip(text), log: typeof stack === "string" && stack !== "" ? stack : text };
}
