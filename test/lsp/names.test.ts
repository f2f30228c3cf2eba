/**
 * `dflow lsp` over stdio, on what the checker resolved: references, rename and definition follow
 * the checker's scopes (attributes, shadowing params, bare keys); a product's rename keeps the
 * kernel's ports and the renamed file checks; renames to keywords, bad names and taken names are
 * refused; completion while a stage is half typed; kernel files changed on disk; requests before
 * `initialize`. Needs `npm run build` (dist/dflow.js).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnosticsFor, LspClient } from "./lspClient.js";
import { applyEdits, change, DFLOW, hover, offsetOf, open, positionOf, ROOT, start, uriOf, type LspDiag, type Range, type TextEdit } from "./helpers.js";

const EXAMPLE = path.join(ROOT, "pipelines/example.dflow");
const TEXT = readFileSync(EXAMPLE, "utf8");
const at = (re: RegExp, shift = 0, nth = 0): { textDocument: { uri: string }; position: { line: number; character: number } } => ({
  textDocument: { uri: uriOf(EXAMPLE) },
  position: positionOf(current, re, shift, nth),
});
let current = TEXT;

/** The text and line of each range. */
const shown = (text: string, rs: readonly { range: Range }[]): string[] =>
  rs.map((r) => `${r.range.start.line + 1}:${text.slice(offsetOf(text, r.range.start), offsetOf(text, r.range.end))}`);

describe("dflow lsp: names as the checker resolves them", () => {
  let c: LspClient;
  let tmp = "";
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "dflow-lsp-names-"));
    c = await start({ out: tmp });
  });
  afterAll(async () => {
    expect(await c.close()).toBe(0);
    rmSync(tmp, { recursive: true, force: true });
  });

  const refs = async (re: RegExp, shift: number, nth = 0): Promise<string[]> =>
    shown(current, await c.request<{ range: Range }[]>("textDocument/references", { ...at(re, shift, nth), context: { includeDeclaration: true } }));
  const rename = (re: RegExp, shift: number, newName: string, nth = 0): Promise<{ changes: Record<string, TextEdit[]> }> =>
    c.request("textDocument/rename", { ...at(re, shift, nth), newName });
  const line = (re: RegExp): number => positionOf(current, re).line + 1;

  it("tells an attribute (`e.night`) from the grid of the same name, a param from the bare keys of a set, and a variable from the param it shadows", async () => {
    // A param `r` beside the camera key `r`; the stack's variable named `nside`, like the param its stage passes on.
    current = TEXT.replace("param step: int = 10\n", "param step: int = 10\nparam r: int = 3\n")
      .replace("kernel example.pixelExposures(exposures, nside = nside)", "kernel example.pixelExposures(exposures, nside = nside) fanout r")
      .replace(
        "stage stack[h: healpix] {\n  in cframes: cframe[e, c] for e in observes(h), c in camera\n  out spectra[h]",
        "stage stack[nside: healpix] {\n  in cframes: cframe[e, c] for e in observes(nside), c in camera\n  out spectra[nside]",
      );
    expect(await open(c, EXAMPLE, current)).toEqual([]);

    // The attribute `night` of grid exposure: its declaration, `e.night`, `x.night` and `{exposure.night}`; never the grid `night`.
    const attr = await refs(/in fiberflat\[e\.night/, 16);
    expect(attr).toEqual([
      `${line(/night: date = NIGHT/)}:night`,
      `${line(/^product frame/m) + 1}:night`,
      `${line(/^product cframe/m) + 1}:night`,
      `${line(/for x in exposure where x\.night/)}:night`,
      `${line(/in fiberflat\[e\.night/)}:night`,
    ]);
    expect(await hover(c, EXAMPLE, at(/in fiberflat\[e\.night/, 16).position)).toContain("attribute night: date of grid exposure, column NIGHT of exposures");
    // The grid `night`: its declaration, the axis, the path's fields and the stage variable's grid; no attribute.
    const grid = await refs(/^grid night/m, 6);
    expect(grid).toEqual([
      `${line(/^grid night/m)}:night`,
      `${line(/^product fiberflat/m)}:night`,
      `${line(/^product fiberflat/m) + 1}:night`,
      `${line(/^product fiberflat/m) + 1}:night`,
      `${line(/^stage fiberflat/m)}:night`,
    ]);

    // The param `r`: its declaration, the fanout and the word `r` of camera's set, which names the param (the planner takes its value as the key).
    expect(await refs(/^param r:/m, 6)).toEqual([`${line(/^param r:/m)}:r`, `${line(/^grid camera/m)}:r`, `${line(/fanout r/)}:r`]);
    expect(await hover(c, EXAMPLE, at(/^grid camera = \{b, r/m, 19).position)).toContain("param r: int = 3");
    const renamed = applyEdits(current, (await rename(/^param r:/m, 6, "nred")).changes[uriOf(EXAMPLE)]!);
    expect(renamed).toContain("grid camera = {b, nred, z}");
    expect(renamed).toContain("fanout nred");
    // A bare key would start naming the param: refused, saying why.
    const capture = (await rename(/^param step/m, 6, "b").then(
      () => undefined,
      (err: unknown) => err,
    )) as { message: string } | undefined;
    expect(capture?.message).toContain("Grid `camera` has the key `b`");

    // The stage variable `nside` of stack: its binding and its two uses; the stage param's value is the param `nside`.
    const stackLine = line(/^stage stack/m);
    expect(await refs(/^stage stack\[nside/m, 12)).toEqual([`${stackLine}:nside`, `${stackLine + 1}:nside`, `${stackLine + 2}:nside`]);
    const param = await refs(/^param nside/m, 6);
    expect(param).toContain(`${line(/^ {2}param nside = nside/m)}:nside`);
    expect(param.filter((r) => r.startsWith(`${stackLine}:`) || r.startsWith(`${stackLine + 1}:`))).toEqual([]);
    const def = await c.request<{ range: Range }>("textDocument/definition", at(/^ {2}param nside = nside/m, 16));
    expect(def.range.start.line + 1).toBe(line(/^param nside/m));
  });

  it("renames a product keeping the kernel's port names, and the renamed file passes `dflow check`", async () => {
    current = TEXT;
    await change(c, EXAMPLE, current, 10);
    for (const [re, shift, newName] of [
      [/^product frame/m, 8, "rawframe"],
      [/^product exposures/m, 8, "schedule_table"],
    ] as const) {
      const edits = (await rename(re, shift, newName)).changes[uriOf(EXAMPLE)]!;
      const renamed = applyEdits(current, edits);
      if (newName === "rawframe") {
        expect(renamed).toContain("out frame: rawframe[e, c]");
        expect(renamed).toContain("in frame: rawframe[e, c]");
        expect(renamed).toContain("in flats: rawframe[x, c]");
      }
      const file = path.join(tmp, `${newName}.dflow`);
      writeFileSync(file, renamed);
      const r = spawnSync("node", [DFLOW, "check", file], { encoding: "utf8" });
      expect(r.stdout + r.stderr, newName).not.toMatch(/error/);
      expect(r.status, newName).toBe(0);
    }
  });

  it("refuses a rename to a keyword, to what is not a name, and to a name taken in the checker's scope, saying why", async () => {
    const refused = async (re: RegExp, shift: number, newName: string): Promise<{ code: number; message: string }> => {
      const e = (await rename(re, shift, newName).then(
        () => undefined,
        (err: unknown) => err,
      )) as { code: number; message: string } | undefined;
      expect(e, `${String(re)} to ${newName}`).toBeDefined();
      return e!;
    };
    const keyword = await refused(/^param nside/m, 6, "stage");
    expect(keyword.code).toBe(-32803);
    expect(keyword.message).toContain("`stage` is a keyword");
    expect((await refused(/^param nside/m, 6, "9lives")).message).toContain("is not a name");
    expect((await refused(/^param nside/m, 6, "nnight")).message).toContain("`nnight` is already the name of a param");
    expect((await refused(/^grid camera/m, 6, "seed")).message).toContain("`seed` is already the name of a param");
    expect((await refused(/^product frame/m, 8, "cframe")).message).toContain("`cframe` is already the name of a product");
    expect((await refused(/^stage simulate\[e/m, 15, "c")).message).toContain("`c` is already the name of a variable of stage");
    expect((await refused(/^stage simulate\[e/m, 15, "seed")).message).toContain("would hide param `seed`");
    expect((await refused(/^grid night/m, 6, "nite")).message).toContain("Attribute `night` of grid `exposure` is named like a grid");
    expect((await refused(/kernel example\.calibrate/, 10, "cal")).message).toContain("declared in TypeScript");
    // A name free in its scope is fine: a stage variable may share a name with another stage's.
    const ok = await rename(/^stage simulate\[e/m, 15, "x");
    expect(ok.changes[uriOf(EXAMPLE)]!.length).toBeGreaterThan(1);
  });

  it("completes the attributes of a variable bound by a relation's gather and of a grid in a path", async () => {
    const complete = async (text: string, re: RegExp, shift: number): Promise<string[]> =>
      (
        await c.request<{ label: string }[]>("textDocument/completion", {
          textDocument: { uri: uriOf(EXAMPLE) },
          position: positionOf(text, re, shift),
        })
      ).map((i) => i.label);
    current = TEXT;
    expect(await change(c, EXAMPLE, TEXT, 10)).toEqual([]);
    // `{exposure.` in a product's path: the attributes of grid exposure.
    expect(await complete(TEXT, /\{exposure\.night/, "{exposure.".length)).toContain("night");
    // `e.` in stack, where `e` is bound by `for e in observes(h)`: exposure's attributes (the text does not parse while typing).
    const typing = TEXT.replace("for e in observes(h), c in camera\n", "for e in observes(h), c in camera\n  in x: frame[e.\n");
    await change(c, EXAMPLE, typing, 11);
    expect(await complete(typing, /frame\[e\.\n/, "frame[e.".length)).toContain("night");
  });

  it("completes kernels and names while a stage is half typed (the text does not parse)", async () => {
    const half = `${TEXT}\nstage extra[e: exposure] {\n  in frame[e, c]\n  kernel example.`;
    const diags = await change(c, EXAMPLE, half, 20);
    expect(diags.map((d) => d.code).some((x) => x.startsWith("DF10"))).toBe(true);
    const end = positionOf(half, /kernel example\.$/, "kernel example.".length);
    const items = await c.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri: uriOf(EXAMPLE) }, position: end });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["calibrate", "simulate", "stack"]));
    const names = await c.request<{ label: string }[]>("textDocument/completion", {
      textDocument: { uri: uriOf(EXAMPLE) },
      position: positionOf(half, /in frame\[e, c\]\n {2}kernel/, 3),
    });
    expect(names.map((i) => i.label)).toEqual(expect.arrayContaining(["frame", "exposure", "e", "example.calibrate"]));
    // A document opened half typed, never checked: the kernels of its imports.
    const fresh = path.join(tmp, "fresh.dflow");
    const freshText = "pipeline fresh\nimport stdlib.example\nstage s {\n  kernel example.";
    await open(c, fresh, freshText);
    const got = await c.request<{ label: string }[]>("textDocument/completion", {
      textDocument: { uri: uriOf(fresh) },
      position: positionOf(freshText, /example\.$/, "example.".length),
    });
    expect(got.map((i) => i.label)).toEqual(expect.arrayContaining(["calibrate", "schedule"]));
  });

  it("publishes DF1000 for a document whose name is not valid UTF-8, answers requests on it, and keeps serving", { timeout: 60_000 }, async () => {
    const bad = "file:///tmp/x/d%FF%FE/x%E9.dflow";
    const d = c.next(diagnosticsFor(bad, 1));
    c.notify("textDocument/didOpen", { textDocument: { uri: bad, languageId: "dflow", version: 1, text: TEXT } });
    const diags = ((await d).params as { diagnostics: LspDiag[] }).diagnostics;
    expect(diags.map((x) => x.code)).toEqual(["DF1000"]);
    expect(diags[0]!.message).toContain("its name is not valid UTF-8");
    for (const [method, params] of [
      ["textDocument/hover", { textDocument: { uri: bad }, position: { line: 0, character: 0 } }],
      ["textDocument/completion", { textDocument: { uri: bad }, position: { line: 0, character: 0 } }],
      ["textDocument/documentSymbol", { textDocument: { uri: bad } }],
      ["textDocument/formatting", { textDocument: { uri: bad }, options: { tabSize: 2, insertSpaces: true } }],
    ] as const)
      await c.request(method, params);
    // The server is alive: another document still checks.
    current = TEXT;
    expect(await change(c, EXAMPLE, TEXT, 100)).toEqual([]);
  });
});

describe("dflow lsp: kernel files changed on disk", () => {
  it("diagnoses again when a kernel module changes: on the client's report and, without one, at the next request", { timeout: 120_000 }, async () => {
    const tmp = mkdtempSync(path.join(tmpdir(), "dflow-lsp-kernels-"));
    try {
      mkdirSync(path.join(tmp, "kernels"));
      const kernelFile = path.join(tmp, "kernels/index.ts");
      const kernels = readFileSync(path.join(ROOT, "test/fixtures/run/kernels/index.ts"), "utf8").replace(
        "../../../../stdlib/kernel.js",
        path.join(ROOT, "stdlib/kernel.js"),
      );
      writeFileSync(kernelFile, kernels);
      const file = path.join(tmp, "run.dflow");
      writeFileSync(file, readFileSync(path.join(ROOT, "test/fixtures/run/run.dflow"), "utf8"));
      const c = await start({ out: path.join(tmp, "out") }, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
      expect(await open(c, file)).toEqual([]);
      // The server asked to watch TypeScript files.
      await new Promise((r) => setTimeout(r, 200));
      expect(JSON.stringify(c.requests.map((m) => m.params))).toContain("workspace/didChangeWatchedFiles");

      // `factor` renamed in TypeScript: the stage's `param factor` is no kernel param now.
      const touch = (text: string, s: number): void => {
        writeFileSync(kernelFile, text);
        utimesSync(kernelFile, s, s);
      };
      const codesOf = (m: { params?: unknown }): string[] => (m.params as { diagnostics: LspDiag[] }).diagnostics.map((d) => d.code);
      const broken = c.next((m) => diagnosticsFor(uriOf(file))(m) && codesOf(m).includes("DF3025"));
      touch(kernels.replaceAll("factor", "gain"), Date.now() / 1000 + 10);
      c.notify("workspace/didChangeWatchedFiles", { changes: [{ uri: uriOf(kernelFile), type: 2 }] });
      const codes = ((await broken).params as { diagnostics: LspDiag[] }).diagnostics.map((d) => `${d.code} ${d.message}`);
      expect(codes.join("\n")).toMatch(/DF3025 Kernel `k.double` has no parameter `factor`/);

      // Put back, with no report from the client: the next request notices the file's new time.
      const fixed = c.next((m) => diagnosticsFor(uriOf(file))(m) && !codesOf(m).includes("DF3025"));
      touch(kernels, Date.now() / 1000 + 20);
      await hover(c, file, positionOf(readFileSync(file, "utf8"), /^stage double/m, 7));
      expect(codesOf(await fixed).filter((x) => !x.startsWith("DF6"))).toEqual([]);

      // A kernel file that does not parse (the load itself fails), then mended, neither reported: each noticed at the next request.
      const unparsed = c.next((m) => diagnosticsFor(uriOf(file))(m) && codesOf(m).includes("DF3027"));
      touch(`${kernels}\nexport function (\n`, Date.now() / 1000 + 30);
      await hover(c, file, positionOf(readFileSync(file, "utf8"), /^stage double/m, 7));
      await unparsed;
      const mended = c.next((m) => diagnosticsFor(uriOf(file))(m) && !codesOf(m).includes("DF3027"));
      touch(kernels, Date.now() / 1000 + 40);
      await hover(c, file, positionOf(readFileSync(file, "utf8"), /^stage double/m, 7));
      expect(codesOf(await mended).filter((x) => !x.startsWith("DF6"))).toEqual([]);
      expect(await c.close()).toBe(0);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("dflow lsp before initialize", () => {
  it("answers a request with ServerNotInitialized (-32002), then serves once initialized", { timeout: 60_000 }, async () => {
    const c = new LspClient("node", [DFLOW, "lsp"], ROOT);
    for (const [method, params] of [
      ["textDocument/hover", { textDocument: { uri: uriOf(EXAMPLE) }, position: { line: 0, character: 0 } }],
      ["textDocument/completion", { textDocument: { uri: uriOf(EXAMPLE) }, position: { line: 0, character: 0 } }],
      ["textDocument/documentSymbol", { textDocument: { uri: uriOf(EXAMPLE) } }],
      ["shutdown", null],
      ["dflow/unknown", {}],
    ] as const) {
      const err = await c.request(method, params).then(
        () => undefined,
        (e: unknown) => e as { code: number; message: string },
      );
      expect(err?.code, method).toBe(-32002);
      expect(err?.message, method).toContain("not initialized");
    }
    await c.request("initialize", { processId: null, rootUri: uriOf(ROOT), capabilities: {} });
    c.notify("initialized", {});
    const diags: LspDiag[] = await open(c, EXAMPLE);
    expect(diags).toEqual([]);
    const symbols = await c.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri: uriOf(EXAMPLE) } });
    expect(symbols.map((s) => s.name)).toContain("simulate");
    const again = await c.request("initialize", { processId: null, rootUri: uriOf(ROOT), capabilities: {} }).then(
      () => undefined,
      (e: unknown) => e as { code: number },
    );
    expect(again?.code).toBe(-32600);
    const unknown = await c.request("dflow/unknown", {}).then(
      () => undefined,
      (e: unknown) => e as { code: number },
    );
    expect(unknown?.code).toBe(-32601);
    expect(await c.close()).toBe(0);
  });

  it("ends with code 1 when stdin closes without `shutdown` and `exit`", { timeout: 60_000 }, async () => {
    const c = new LspClient("node", [DFLOW, "lsp"], ROOT);
    await c.request("initialize", { processId: null, rootUri: uriOf(ROOT), capabilities: {} });
    expect(await c.endInput()).toBe(1);
    expect(c.stderr).not.toMatch(/Warning|Error/);
  });
});
