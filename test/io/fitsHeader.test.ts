/**
 * Header cards: the printed form of each value type, long strings over CONTINUE cards,
 * and a write → read round trip that keeps every card's FITS type.
 */
import { describe, expect, it } from "vitest";
import type { Card } from "../../stdlib/io/fits/index.js";
import { card, commentCard, encodeFits, headerBigInt, headerBoolean, headerNumber, headerString, historyCard, readFits } from "../../stdlib/io/fits/index.js";

/** The 80-character records of the primary header written for `cards`. */
function records(cards: Card[]): string[] {
  const bytes = encodeFits([{ kind: "image", header: { cards }, shape: [], data: null }]);
  const text = Buffer.from(bytes).toString("latin1");
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 80) out.push(text.slice(i, i + 80));
  return out.slice(
    0,
    out.findIndex((r) => r.startsWith("END ")),
  );
}

function roundTrip(cards: Card[]): readonly Card[] {
  const [hdu] = readFits(encodeFits([{ kind: "image", header: { cards }, shape: [], data: null }]));
  return hdu!.header.cards.filter((c) => !["SIMPLE", "BITPIX", "NAXIS", "EXTEND", "CHECKSUM", "DATASUM", "LONGSTRN"].includes(c.key));
}

describe("header cards", () => {
  it("prints values in the fixed format: strings from column 11, numbers and logicals ending at column 30", () => {
    const r = records([
      card("CAMERA", "b1", "camera"),
      card("EXPID", 1234n),
      card("EXPTIME", 1000),
      card("TINY", 1e-17),
      card("HPXNEST", true),
      card("NONE", null, "undefined"),
    ]);
    expect(r.slice(4, 10)).toEqual([
      "CAMERA  = 'b1      '           / camera".padEnd(80),
      "EXPID   =                 1234".padEnd(80),
      "EXPTIME =               1000.0".padEnd(80),
      "TINY    =              1.0E-17".padEnd(80),
      "HPXNEST =                    T".padEnd(80),
      "NONE    =                      / undefined".padEnd(80),
    ]);
  });

  it("splits long strings over CONTINUE cards with & and never inside a '' pair, and adds LONGSTRN", () => {
    const value = "x".repeat(66) + "'" + "y".repeat(100);
    const r = records([card("LONG", value, "the comment")]);
    expect(r[4]).toBe("LONGSTRN= 'OGIP 1.0'           / The OGIP long string convention may be used.   ");
    expect(r[5]).toBe(`LONG    = '${"x".repeat(66)}&'`.padEnd(80));
    expect(r[6]).toBe(`CONTINUE  '''${"y".repeat(65)}&'`.padEnd(80));
    expect(r[7]).toBe(`CONTINUE  '${"y".repeat(35)}' / the comment`.padEnd(80));
  });

  it("puts a comment too long for the last string card on CONTINUE cards, split at spaces", () => {
    const comment = "word ".repeat(30).trim();
    const r = records([card("SHORT", "abc", comment)]);
    expect(r[5]).toBe("SHORT   = 'abc&'".padEnd(80));
    expect(r.slice(6, -2).every((c) => c.startsWith("CONTINUE  '"))).toBe(true);
    expect(r.slice(-2).map((c) => c.slice(0, 8))).toEqual(["CHECKSUM", "DATASUM "]);
    expect(roundTrip([card("SHORT", "abc", comment)])).toEqual([card("SHORT", "abc", comment)]);
  });

  it("splits commentary text longer than 72 characters over several cards", () => {
    const text = "h".repeat(100);
    expect(records([historyCard(text)]).slice(4, -2)).toEqual([`HISTORY ${"h".repeat(72)}`, `HISTORY ${"h".repeat(28)}`.padEnd(80)]);
  });

  it("reads back every card with its FITS type: bigint integers, number reals, logicals, strings, null", () => {
    const cards: Card[] = [
      card("NIGHT", 20201214n),
      card("BIG", (1n << 62n) + 1n, "beyond 2^53"),
      card("EXPTIME", 1000, "a whole real"),
      card("THIRD", 1 / 3),
      card("NEG", -2.5e-300),
      card("OK", false),
      card("NAME", "it's"),
      card("LEAD", "  x"),
      card("EMPTY", ""),
      card("NONE", null),
      card("Z", { re: 1, im: -0.5 }),
      card("HIERARCH KEY NAME", "long keyword"),
      card("LONG", "z".repeat(200) + " end", "kept"),
      commentCard("a comment"),
      { kind: "commentary", key: "", text: "blank keyword" },
    ];
    const back = roundTrip(cards);
    expect(back).toEqual(cards);
    const header = { cards: back };
    expect(headerBigInt(header, "big")).toBe((1n << 62n) + 1n);
    expect(headerNumber(header, "NIGHT")).toBe(20201214);
    expect(headerNumber(header, "EXPTIME")).toBe(1000);
    expect(headerBoolean(header, "OK")).toBe(false);
    expect(headerString(header, "NAME")).toBe("it's");
    expect(() => headerNumber(header, "BIG")).toThrow(/does not fit a JavaScript number/);
    expect(() => headerString(header, "NIGHT")).toThrow(/keyword `NIGHT` is the integer 20201214, expected a string/);
  });
});
