/**
 * The QA report in a real browser: Debian's chromium, headless, driven by playwright-core. Every
 * plot renders with as many marks as its data has rows, nothing is logged as an error, and no
 * request leaves the file (every request is routed and failed, and counted).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { htmlProblems } from "../../src/runtime/codecs/validateHtml.js";
import { assignmentByClass, buildPlots, classCounts, exposureDepth, renderReport, type MatchedTarget } from "../../stdlib/qa/index.js";
import { makeRng } from "../runtime/codecs/sampleValue.js";

/** Debian's chromium, which scripts/test-all.sh installs. */
export const CHROMIUM = "/usr/bin/chromium";

/** Each plot's figure: its id, the rows its data has, the marks its SVG draws, whether it has a size. */
const FIGURES = `Array.from(document.querySelectorAll("figure.plot"), (f) => ({
  id: f.id,
  rows: Number(f.getAttribute("data-rows")),
  marks: f.querySelectorAll('svg g.role-mark > [role="graphics-symbol"]').length,
  drawn: (f.querySelector("svg")?.getBoundingClientRect().width ?? 0) > 0,
}))`;

const dir = mkdtempSync(join(tmpdir(), "dflow-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A report from the QA computations over a seeded sample of targets, exposures and tiles. */
async function sampleReport(): Promise<{ html: string; rows: number[] }> {
  const rng = makeRng(5);
  const classes = ["ELG", "LRG", "QSO", "STAR"];
  const matched: MatchedTarget[] = [];
  for (let i = 0; i < 300; i++) {
    const cls = classes[i % 4]!;
    const ztrue = cls === "STAR" ? 0 : 0.2 + 2 * rng();
    const bad = rng() < 0.1;
    const z = bad ? 3 * rng() : ztrue + 1e-4 * (rng() - 0.5);
    matched.push({
      cls,
      ztrue,
      z,
      zwarn: rng() < 0.05 ? 4 : 0,
      spectype: cls === "STAR" ? "STAR" : cls === "QSO" ? "QSO" : "GALAXY",
      truespectype: cls === "STAR" ? "STAR" : cls === "QSO" ? "QSO" : "GALAXY",
      mag: 19 + 4 * rng(),
      oii: cls === "ELG" ? 10 ** (-17 + rng()) : 0,
    });
  }
  const depths = [1, 2, 3].map((e) =>
    exposureDepth({ expid: e, night: 20210101, tileid: 1, exptime: 900, efftimePlanned: 1000 }, [
      new Map([
        ["1", 10 * e],
        ["2", 11 * e],
      ]),
    ]),
  );
  const id = BigInt64Array.from({ length: 40 }, (_, i) => BigInt(i + 1));
  const targets = [{ id, ra: Float64Array.from(id, () => 150 + 2 * rng()), dec: Float64Array.from(id, () => 2 * rng() - 1) }];
  const truth = new Map(Array.from(id, (t, i) => [t, { cls: classes[i % 4]!, truespectype: "GALAXY", ztrue: 1, mag: 20, oii: 0 }] as const));
  const tiles = [
    { tileid: 1, ra: 150.5, dec: 0 },
    { tileid: 2, ra: 151.5, dec: 0 },
  ];
  const assignment = assignmentByClass(targets, truth, new Set(Array.from(id).filter((_, i) => i % 3 !== 0)), tiles);
  const observed = matched.map((m, i) => ({ ra: 150 + (i % 20) * 0.1, dec: -1 + Math.floor(i / 20) * 0.1, cls: m.cls }));
  const plots = buildPlots({ matched, depths, assignment, tiles, observed });
  const html = await renderReport("QA test", classCounts(matched), depths, plots, ["a note"]);
  return { html, rows: plots.map((p) => p.rows) };
}

describe("the QA report in headless chromium", () => {
  test("every plot draws one mark per row of its data, with no console error and no request leaving the file", { timeout: 120_000 }, async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's package \`chromium\` (apt-get install chromium; scripts/test-all.sh does).`);
    const { html, rows } = await sampleReport();
    expect(htmlProblems(html)).toEqual([]);
    expect(rows.every((n) => n > 0)).toBe(true);
    const file = join(dir, "qa.html");
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
    const errors: string[] = [];
    const requests: string[] = [];
    try {
      const page = await browser.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.route("**/*", async (route) => {
        if (route.request().url() === url) return route.continue();
        requests.push(route.request().url());
        return route.abort();
      });
      await page.goto(url, { waitUntil: "load" });
      // Evaluated in the page (the test is type-checked without the DOM's types).
      const figures = await page.evaluate<{ id: string; rows: number; marks: number; drawn: boolean }[]>(FIGURES);
      expect(figures.map((f) => f.id)).toEqual(["dz", "success-mag", "success-oii", "efftime", "nz", "fiberassign", "sky"]);
      expect(figures.map((f) => f.rows)).toEqual(rows);
      for (const f of figures) expect([f.id, f.marks, f.drawn]).toEqual([f.id, f.rows, true]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
