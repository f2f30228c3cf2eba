import type { NameNode, PathTemplateNode, StringNode, TemplateFieldNode, TemplateTextNode } from "./ast.js";
import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import type { Span } from "../util/Span.js";

const FIELD = /^([\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*)(?:\/(\d+))?(?::(0?\d*[dsx]))?$/u;

/**
 * Parses a product's path template (`"exposures/{exposure.night}/frame-{camera}{petal}-{exposure:08d}.fits"`)
 * into text and fields. Spans point into the source, inside the string's quotes. `{{` and `}}`
 * are literal braces. Malformed fields are DF1007.
 */
export function parsePathTemplate(str: StringNode, image: string): { node: PathTemplateNode; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const parts: (TemplateTextNode | TemplateFieldNode)[] = [];
  const file = str.loc.file;
  // Offsets are computed on the raw source text; templates rarely hold escapes, and escaped
  // characters only shift spans within the literal text parts.
  const raw = image.slice(1, image.endsWith('"') && image.length > 1 ? -1 : undefined);
  const base = str.loc.start + 1;
  const at = (s: number, e: number): Span => ({ file, start: base + s, end: base + e });
  let text = "";
  let textStart = 0;
  const flush = (end: number): void => {
    if (text !== "") parts.push({ kind: "TemplateText", text: unescapeRaw(text), loc: at(textStart, end) });
    text = "";
  };
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch === "{" && raw[i + 1] === "{") {
      if (text === "") textStart = i;
      text += "{";
      i += 2;
    } else if (ch === "}" && raw[i + 1] === "}") {
      if (text === "") textStart = i;
      text += "}";
      i += 2;
    } else if (ch === "{") {
      flush(i);
      const close = raw.indexOf("}", i + 1);
      if (close < 0) {
        diagnostics.push(
          diag("DF1007", "A `{` in this path template is never closed.", at(i, raw.length), {
            label: "unclosed field",
            help: "close the field with `}`, or write `{{` for a literal brace",
          }),
        );
        break;
      }
      const body = raw.slice(i + 1, close);
      const m = FIELD.exec(body);
      if (m === null) {
        diagnostics.push(
          diag("DF1007", `\`{${body}}\` is not a path-template field.`, at(i, close + 1), {
            label: "malformed field",
            help: "a field is `{grid}`, `{grid.attribute}`, `{grid/100}` or `{grid:08d}`",
          }),
        );
      } else {
        const names = m[1]!.split(".");
        let off = i + 1;
        const path: NameNode[] = names.map((n) => {
          const node: NameNode = { kind: "Name", value: n, loc: at(off, off + n.length) };
          off += n.length + 1;
          return node;
        });
        parts.push({
          kind: "TemplateField",
          path,
          divisor: m[2] !== undefined ? Number(m[2]) : undefined,
          format: m[3],
          loc: at(i, close + 1),
        });
        if (m[2] !== undefined && Number(m[2]) === 0) {
          diagnostics.push(diag("DF1007", "A path-template field divides by zero.", at(i, close + 1), { label: "`/0`" }));
        }
      }
      i = close + 1;
      textStart = i;
    } else if (ch === "}") {
      diagnostics.push(
        diag("DF1007", "A `}` in this path template closes no field.", at(i, i + 1), { label: "stray brace", help: "write `}}` for a literal brace" }),
      );
      i++;
    } else {
      if (text === "") textStart = i;
      text += ch;
      i++;
    }
  }
  flush(raw.length);
  return { node: { kind: "PathTemplate", raw: str, parts, loc: str.loc }, diagnostics };
}

function unescapeRaw(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}
