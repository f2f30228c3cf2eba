import { existsSync } from "node:fs";

/**
 * Whether a path given on the command line lost bytes on the way in: Node decodes arguments as
 * UTF-8 and replaces bytes that are not with U+FFFD, so a file whose name is not UTF-8 reaches
 * dflow under a name that does not exist (or would be created under another name). A path that
 * holds U+FFFD and exists is taken as given (the character itself is valid UTF-8).
 */
export function lostBytes(p: string): boolean {
  return p.includes("\uFFFD") && !existsSync(p);
}
