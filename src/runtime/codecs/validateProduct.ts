import type { ProductTypeInfo } from "../../kernels/index.js";
import { isRecord } from "./isRecord.js";
import { validateEcsv } from "./validateEcsv.js";
import { validateFits } from "./validateFits.js";
import { validateHtml } from "./validateHtml.js";
import { validateJson } from "./validateJson.js";
import { article, describeKind } from "./wording.js";

/**
 * Every way `value` differs from what product type `t` declares, one plain sentence each,
 * naming the HDU, column, keyword or field: missing members, typed arrays of the wrong class,
 * image shapes against `@dims`, named axes that disagree across HDUs, columns of unequal
 * length, strings too long for `strN`, `@header` and `@meta` keys missing or of the wrong type,
 * anything the format cannot store exactly, and an HTML document that is not a whole page
 * that opens offline. An empty list means the value can be written.
 * Never throws for a bad value.
 */
export function validateProduct(t: ProductTypeInfo, value: unknown): string[] {
  if (!isRecord(value)) return [`A \`${t.name}\` value must be an object of its members, not ${article(describeKind(value))}.`];
  const problems: string[] = [];
  switch (t.format) {
    case "fits":
      validateFits(t, value, problems);
      break;
    case "ecsv":
      validateEcsv(t, value, problems);
      break;
    case "json":
      validateJson(t, value, problems);
      break;
    case "html":
      validateHtml(t, value, problems);
      break;
  }
  return problems;
}
