import path from "node:path";
import { makeSourceFile, type SourceFile } from "../util/SourceFile.js";

/** The set of source files a run has read, addressed by the file id stored in spans. */
export class SourceMap {
  readonly #files: SourceFile[] = [];

  /** Adds a file and returns it with its new id. */
  add(filePath: string, text: string): SourceFile {
    const file = makeSourceFile(this.#files.length, filePath, text);
    this.#files.push(file);
    return file;
  }

  /** The file with id `id`, if any. */
  get(id: number): SourceFile | undefined {
    return this.#files[id];
  }
}

/** `p` relative to `cwd` when it lies below it, else as given; always with `/` separators. */
export function displayPath(p: string, cwd: string): string {
  if (!path.isAbsolute(p)) return p.split(path.sep).join("/");
  const rel = path.relative(cwd, p);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return p;
  return rel.split(path.sep).join("/");
}
