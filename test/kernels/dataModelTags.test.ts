import { describe, expect, test } from "vitest";
import { parseColumnTag, parseDims, parseDtype, parseHeaderTag } from "../../src/kernels/index.js";

describe("data-model tag text", () => {
  test("dtypes are the vocabulary of docs/datamodel.md, with `strN` for any positive N.", () => {
    for (const d of ["bool", "u8", "i16", "i32", "i64", "u16", "u32", "u64", "f32", "f64", "str", "str8", "str12"]) expect(parseDtype(d)).toBe(d);
    for (const d of ["f16", "int", "str0", "str-1", "F32", ""]) expect(parseDtype(d)).toBeUndefined();
  });

  test("dims are named axes in order, `name=N` fixing a size.", () => {
    expect(parseDims("[fiber, diag=11, wave]")).toEqual({ ok: true, value: [{ name: "fiber" }, { name: "diag", size: 11 }, { name: "wave" }] });
    expect(parseDims("[]")).toEqual({ ok: true, value: [] });
    expect(parseDims("fiber, wave")).toEqual({ ok: false, error: "`fiber, wave` is not a list of axes like `[fiber, wave]`" });
    expect(parseDims("[fiber, fiber]")).toEqual({ ok: false, error: "axis `fiber` appears twice" });
    expect(parseDims("[diag=0]")).toEqual({ ok: false, error: "axis `diag` has size 0; a fixed size is at least 1" });
    expect(parseDims("[2x]")).toEqual({ ok: false, error: "axis `2x` is not a name or `name=N`" });
  });

  test("a column tag is a name, a dtype with optional dims, and the rest of the line as its unit.", () => {
    expect(parseColumnTag("TARGETID i64")).toEqual({ ok: true, value: { name: "TARGETID", dtype: "i64", dims: [] } });
    expect(parseColumnTag("COEFF f64[coeff=10] km/s")).toEqual({
      ok: true,
      value: { name: "COEFF", dtype: "f64", dims: [{ name: "coeff", size: 10 }], unit: "km/s" },
    });
    expect(parseColumnTag("FLUX f32 10**-17 erg/(s cm2 Angstrom)")).toEqual({
      ok: true,
      value: { name: "FLUX", dtype: "f32", dims: [], unit: "10**-17 erg/(s cm2 Angstrom)" },
    });
    expect(parseColumnTag("X double")).toEqual({
      ok: false,
      error: "unknown dtype `double` (expected one of bool u8 i16 i32 i64 u16 u32 u64 f32 f64 str strN)",
    });
    expect(parseColumnTag("X")).toEqual({ ok: false, error: "`@column X` is not `@column NAME dtype[dims] [unit]`" });
  });

  test("a header tag is a key, a type, an optional unit and an optional text after ` - `.", () => {
    expect(parseHeaderTag("MJD-OBS float d - modified Julian date")).toEqual({
      ok: true,
      value: { key: "MJD-OBS", type: "float", unit: "d", doc: "modified Julian date" },
    });
    expect(parseHeaderTag("NIGHT int - night, YYYYMMDD")).toEqual({ ok: true, value: { key: "NIGHT", type: "int", doc: "night, YYYYMMDD" } });
    expect(parseHeaderTag("FLUXUNIT str")).toEqual({ ok: true, value: { key: "FLUXUNIT", type: "str", doc: "" } });
    expect(parseHeaderTag("SCALE float 10**-17 erg")).toEqual({ ok: true, value: { key: "SCALE", type: "float", unit: "10**-17 erg", doc: "" } });
    expect(parseHeaderTag("X double")).toEqual({ ok: false, error: "keyword `X` has type `double` (expected int, float, str or bool)" });
  });
});
