import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSite } from "../../src/plan/index.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "dflow-site-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function siteFile(name: string, yaml: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

describe("loadSite", () => {
  it("takes text keys as written, numbers and booleans as their text, and setup lines in order", () => {
    const r = loadSite(siteFile("ok.yaml", "name: big\npartition: 42\nqos: true\ncores_per_node: 8\nsetup:\n  - module load python\n  - 7\n"));
    expect(r.diagnostics).toEqual([]);
    expect(r.site).toMatchObject({ name: "big", partition: "42", qos: "true", coresPerNode: 8, setup: ["module load python", "7"] });
  });

  it("reports a mapping, a list or an empty value where text is expected, naming the key", () => {
    const r = loadSite(siteFile("bad.yaml", "name: big\npartition: { a: 1 }\naccount: [x, y]\nqos:\nsetup:\n  - { module: python }\n"));
    expect(r.site).toBeUndefined();
    const messages = r.diagnostics.map((d) => `${d.code} ${d.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^DF5004 .*`partition` must be a string, not \{"a":1\}\.$/),
      expect.stringMatching(/^DF5004 .*`account` must be a string, not \["x","y"\]\.$/),
      expect.stringMatching(/^DF5004 .*`qos` must be a string, not null\.$/),
      expect.stringMatching(/^DF5004 .*each `setup` line must be a string, not \{"module":"python"\}\.$/),
    ]);
  });
});
