import { parseUnit, type Unit } from "../../src/units/index.js";

/** The parsed unit of `text`; fails the test with the parser's message when it does not parse. */
export function unitOf(text: string): Unit {
  const r = parseUnit(text);
  if (!r.ok) throw new Error(`\`${text}\` did not parse: ${r.message} (at ${r.offset})`);
  return r.unit;
}

/** The failure of `text` as `offset+length: message`, or `ok` when it parses. */
export function failureOf(text: string): string {
  const r = parseUnit(text);
  return r.ok ? "ok" : `${r.offset}+${r.length}: ${r.message}`;
}
