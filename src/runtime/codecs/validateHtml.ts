import type { ProductTypeInfo } from "../../kernels/index.js";
import { article, describeKind } from "./wording.js";

/** Elements that run code or fetch or embed another document. */
const ACTIVE = /<\s*(script|iframe|frame|object|embed|link|base|meta\s+http-equiv|audio|video|source|track|portal)\b/i;
/** Attributes whose value is a URL the browser follows or fetches. */
const URL_ATTRIBUTE = /\s(src|srcset|href|xlink:href|action|formaction|poster|data|background|ping|manifest)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
/** CSS that fetches. */
const CSS_FETCH = /url\(\s*(["']?)([^"')]*)\1\s*\)|@import\b/gi;
/** Inline event handlers (`onload="…"`): code. */
const HANDLER = /\son[a-z]+\s*=/i;

/**
 * Checks an HTML product value: its one member (the document) is a string holding a whole
 * page (`<!DOCTYPE html>` first) that opens offline and runs nothing: no script, frame,
 * embedded object, stylesheet link or media element, no inline event handler, and every URL it
 * holds (in `src`, `href` and the like, or CSS `url()`) a fragment (`#…`) or a `data:` URL.
 * Appends one sentence per problem (the first of each kind).
 */
export function validateHtml(t: ProductTypeInfo, value: Readonly<Record<string, unknown>>, problems: string[]): void {
  const field = t.fields[0];
  if (field === undefined) {
    problems.push(`\`${t.name}\` declares no member for its document.`);
    return;
  }
  for (const key of Object.keys(value)) {
    if (key !== field.name && value[key] !== undefined)
      problems.push(`The value has a field \`${key}\` that \`${t.name}\` does not declare; an HTML product is its document only.`);
  }
  const doc = value[field.name];
  if (typeof doc !== "string") {
    problems.push(`Field \`${field.name}\` is ${article(describeKind(doc))}, but \`${t.name}\` declares it the document, a \`string\`.`);
    return;
  }
  problems.push(...htmlProblems(doc).map((p) => `The document \`${field.name}\` ${p}.`));
}

/** Why `doc` is not a self-contained page, one phrase each (empty when it is). */
export function htmlProblems(doc: string): string[] {
  const out: string[] = [];
  if (!/^\uFEFF?\s*<!DOCTYPE html>/i.test(doc)) out.push("does not begin with `<!DOCTYPE html>`");
  const active = ACTIVE.exec(doc);
  if (active) out.push(`holds a \`<${active[1]?.toLowerCase()}>\` element: a report runs nothing and fetches nothing`);
  if (HANDLER.test(doc)) out.push("holds an inline event handler (`on…=`): a report runs nothing");
  for (const m of doc.matchAll(URL_ATTRIBUTE)) {
    const url = (m[2] ?? "").replace(/^["']|["']$/g, "").trim();
    if (!isLocalUrl(url)) {
      out.push(`refers to \`${url}\` (\`${m[1]}\`), which would leave the file: only \`#fragment\` and \`data:\` URLs are allowed`);
      break;
    }
  }
  for (const m of doc.matchAll(CSS_FETCH)) {
    if (m[0].startsWith("@") || !isLocalUrl(m[2] ?? "")) {
      out.push(`has CSS that fetches (\`${m[0]}\`): only \`url(#fragment)\` and \`data:\` URLs are allowed`);
      break;
    }
  }
  return out;
}

function isLocalUrl(url: string): boolean {
  return url.startsWith("#") || /^data:/i.test(url);
}
