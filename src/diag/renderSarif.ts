import { DFLOW_VERSION } from "../version.js";
import type { Diagnostic } from "./Diagnostic.js";
import { lookupCode } from "./codes.js";
import { renderDiagnostics, type RenderOptions } from "./render.js";

// The part of the SARIF 2.1.0 object model that dflow writes (OASIS, "Static Analysis Results
// Interchange Format Version 2.1.0", 2020, §3: sarifLog, run, toolComponent, reportingDescriptor,
// result, location, physicalLocation, region).

/** A SARIF message object (§3.11), plain text only. */
export interface SarifMessage {
  readonly text: string;
}
/** A region (§3.30): 1-based lines and columns, end column exclusive. */
export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}
/** A location (§3.28) in a file, by a URI relative to the working directory. */
export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: { readonly artifactLocation: { readonly uri: string }; readonly region: SarifRegion };
  readonly message?: SarifMessage;
}
/** A rule (§3.49): one dflow diagnostic code with its catalogue title and explanation. */
export interface SarifReportingDescriptor {
  readonly id: string;
  readonly shortDescription?: SarifMessage;
  readonly fullDescription?: SarifMessage;
  readonly defaultConfiguration?: { readonly level: "error" | "warning" | "note" };
  readonly help?: SarifMessage;
}
/** A result (§3.27): one diagnostic. */
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: "error" | "warning" | "note";
  readonly message: SarifMessage;
  readonly locations?: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
}
/** A SARIF log (§3.13) with one run of dflow. */
export interface SarifLog {
  readonly $schema: string;
  readonly version: "2.1.0";
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly rules: readonly SarifReportingDescriptor[] } };
    readonly results: readonly SarifResult[];
  }[];
}

/** One diagnostic in the JSON form of `renderDiagnostics` (the one renderer that resolves spans to places). */
export interface JsonDiagnostic {
  readonly code: string;
  readonly severity: "error" | "warning" | "note";
  readonly message: string;
  readonly title?: string;
  readonly help?: string;
  readonly notes?: readonly string[];
  readonly suggestions?: readonly string[];
  readonly primary?: JsonLabel;
  readonly secondary?: readonly JsonLabel[];
}

/** A label in the JSON form: a place (1-based lines and columns) when its file is known, and its text. */
export interface JsonLabel {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

/** The diagnostics in their JSON form, sorted as every renderer sorts them. */
export function jsonDiagnostics(diags: readonly Diagnostic[], opts: RenderOptions): JsonDiagnostic[] {
  return JSON.parse(renderDiagnostics(diags, "json", opts)) as JsonDiagnostic[];
}

function location(l: JsonLabel): SarifLocation | undefined {
  if (l.file === undefined || l.line === undefined) return undefined;
  const region: SarifRegion = { startLine: l.line, startColumn: l.column ?? 1, endLine: l.endLine ?? l.line, endColumn: l.endColumn ?? l.column ?? 1 };
  return {
    physicalLocation: { artifactLocation: { uri: l.file.split("\\").join("/") }, region },
    ...(l.message !== "" ? { message: { text: l.message } } : {}),
  };
}

function resultOf(d: JsonDiagnostic, ruleIndex: number): SarifResult {
  const text = [
    d.message,
    ...(d.suggestions !== undefined ? [`Did you mean ${d.suggestions.map((s) => "`" + s + "`").join(", ")}?`] : []),
    ...(d.help !== undefined ? [`help: ${d.help}`] : []),
    ...(d.notes ?? []).map((n) => `note: ${n}`),
  ].join("\n");
  const primary = d.primary !== undefined ? location(d.primary) : undefined;
  const related = (d.secondary ?? []).map(location).filter((l): l is SarifLocation => l !== undefined);
  return {
    ruleId: d.code,
    ruleIndex,
    level: d.severity,
    message: { text },
    ...(primary !== undefined ? { locations: [primary] } : {}),
    ...(related.length > 0 ? { relatedLocations: related.map((l, id) => ({ ...l, id })) } : {}),
  };
}

/**
 * The diagnostics as a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format), one
 * run of the `dflow` tool whose rules are the codes that occur, with their catalogue titles and
 * explanations; paths are relative to `opts.cwd` like every other renderer's.
 */
export function renderSarif(diags: readonly Diagnostic[], opts: RenderOptions): string {
  const json = jsonDiagnostics(diags, opts);
  const codes = [...new Set(json.map((d) => d.code))].sort();
  const rules: SarifReportingDescriptor[] = codes.map((code) => {
    const info = lookupCode(code);
    return {
      id: code,
      ...(info !== undefined
        ? { shortDescription: { text: info.title }, fullDescription: { text: info.explanation }, defaultConfiguration: { level: info.severity } }
        : {}),
      help: { text: `\`dflow explain ${code}\` prints the long explanation.` },
    };
  });
  const log: SarifLog = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "dflow", version: DFLOW_VERSION, rules } }, results: json.map((d) => resultOf(d, codes.indexOf(d.code))) }],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
