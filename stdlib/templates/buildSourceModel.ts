import { galaxyModel } from "./galaxyModel.js";
import { qsoModel } from "./qsoModel.js";
import type { SourceModel } from "./SourceModel.js";
import { sourceType } from "./sourceType.js";
import { starModel } from "./starModel.js";
import type { TemplateRow } from "./TemplateRow.js";

/** The unnormalised model of a row, by {@link sourceType}; null for a blank-sky row. */
export function buildSourceModel(row: TemplateRow): SourceModel | null {
  switch (sourceType(row)) {
    case "galaxy":
      return galaxyModel(row);
    case "qso":
      return qsoModel(row);
    case "star":
      return starModel(row);
    case "sky":
      return null;
  }
}
