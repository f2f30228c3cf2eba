import type { Diagnostic } from "../diag/Diagnostic.js";
import { diag } from "../diag/codes.js";
import { evalMeasured, ParamValues, type BoundExpr, type BoundPipeline, type Measured } from "../bound/index.js";
import { parseUnit } from "../units/index.js";
import { suggest } from "../util/suggest.js";
import type { Value } from "./values.js";

/** What the command line says about params: a profile and `--set k=v` overrides. */
export interface ParamSettings {
  readonly profile?: string;
  readonly set?: readonly string[];
}

/**
 * The value of every param: its default, then the selected profile's entry (the profile
 * named by `--profile`, else the one marked `default`), then `--set`. A `--set` value is
 * read as the param's type (int, float, bool, string). Unknown profile or param, a value of
 * the wrong type, or a param left without a value is DF5003.
 */
export function resolveParams(
  pipeline: BoundPipeline,
  settings: ParamSettings,
): { values: ParamValues; profile: string | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Quantities keep their unit (`param t: duration = 2h` is 2 `h`): kernel params and resources convert it.
  const values = new ParamValues();
  const evaluate = (name: string, e: BoundExpr): boolean => {
    const m = evalMeasured(e, values);
    if (m === undefined) return false;
    if (m.ok) values.setMeasured(name, m.value);
    else diagnostics.push(diag("DF3040", `Param \`${name}\`: ${m.message}`, e.span, { label: "units do not combine" }));
    return true;
  };
  const declared = new Map(pipeline.params.map((p) => [p.name, p]));
  const profiles = new Map(pipeline.profiles.map((p) => [p.name, p]));
  const typeOf = (name: string): string => declared.get(name)?.type ?? "";
  for (const p of pipeline.params) {
    if (p.default !== undefined) evaluate(p.name, p.default);
  }
  let profileName = settings.profile;
  if (profileName === undefined) profileName = pipeline.profiles.find((p) => p.isDefault)?.name;
  if (profileName !== undefined) {
    const profile = profiles.get(profileName);
    if (profile === undefined) {
      diagnostics.push(diag("DF5003", `There is no profile named \`${profileName}\`.`, undefined, { suggestions: suggest(profileName, profiles.keys()) }));
    } else {
      for (const e of profile.entries) {
        if (!evaluate(e.name, e.value))
          diagnostics.push(diag("DF5003", `Profile \`${profileName}\` sets \`${e.name}\` to a value that is not constant.`, e.span));
      }
    }
  }
  for (const s of settings.set ?? []) {
    const eq = s.indexOf("=");
    if (eq <= 0) {
      diagnostics.push(diag("DF5001", `\`--set ${s}\` must be \`name=value\`.`, undefined));
      continue;
    }
    const name = s.slice(0, eq).trim();
    const raw = s.slice(eq + 1);
    if (!declared.has(name)) {
      diagnostics.push(diag("DF5003", `\`--set ${name}=…\`: there is no param named \`${name}\`.`, undefined, { suggestions: suggest(name, declared.keys()) }));
      continue;
    }
    const t = typeOf(name);
    // A quantity (`--set t=2h`) where the param is a duration or size, or its value so far has a unit.
    const q = t === "duration" || t === "size" || values.units.has(name) ? parseQuantity(raw) : undefined;
    const v = q ?? parseSetting(raw, t);
    if (v === undefined) diagnostics.push(diag("DF5003", `\`--set ${name}=${raw}\`: \`${name}\` is a${/^[aeiou]/.test(t) ? "n" : ""} ${t}.`, undefined));
    else values.setMeasured(name, typeof v === "object" ? v : { value: v, unit: undefined });
  }
  // Params that depend on overridden ones are computed again.
  for (const p of pipeline.params) {
    if (p.default === undefined || (settings.set ?? []).some((s) => s.startsWith(p.name + "="))) continue;
    const fromProfile = profileName !== undefined && profiles.get(profileName)?.entries.some((e) => e.name === p.name);
    if (fromProfile) continue;
    const m = evalMeasured(p.default, values);
    if (m?.ok === true) values.setMeasured(p.name, m.value);
  }
  for (const p of pipeline.params) {
    if (!values.has(p.name)) {
      diagnostics.push(diag("DF5003", `Param \`${p.name}\` has no value: give it a default, set it in a profile, or pass \`--set ${p.name}=…\`.`, p.nameSpan));
    }
  }
  return { values, profile: profileName, diagnostics };
}

/** `2h`, `4 GB`, `-1.5e3 electron/nm`: a number and a unit dflow reads; undefined otherwise. */
function parseQuantity(raw: string): Measured | undefined {
  const m = /^\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-z].*?)\s*$/.exec(raw);
  if (m === null || !parseUnit(m[2]!).ok) return undefined;
  return { value: Number(m[1]), unit: m[2]! };
}

function parseSetting(raw: string, type: string): Value | undefined {
  switch (type) {
    case "int":
    case "date":
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case "float":
      return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case "bool":
      return raw === "true" ? true : raw === "false" ? false : undefined;
    case "string":
      return raw;
    default:
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : raw === "true" ? true : raw === "false" ? false : raw;
  }
}
