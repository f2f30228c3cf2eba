import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveModules, stdlibRoot } from "../../src/kernels/index.js";
import { REPO, tempDir, writeTree } from "./helpers.js";

let root: string;
let remove: () => void;
let stdlib: string;
let pipeline: string;

beforeAll(() => {
  ({ dir: root, remove } = tempDir());
  stdlib = join(root, "lib");
  writeTree(stdlib, {
    "kernel.ts": "export type int = number;\n",
    "datamodel/index.ts": "export {};\n",
    "calib/index.ts": "export {};\n",
    "io/fits/index.ts": "export {};\n",
  });
  writeTree(root, { "pipe/kernels/index.ts": "export {};\n", "pipe/one.ts": "export {};\n", "pipe/my-kernels/index.ts": "export {};\n" });
  pipeline = join(root, "pipe/survey.dflow");
});
afterAll(() => remove());

describe("stdlibRoot", () => {
  test("running from sources, the standard library is the repository's `stdlib/`.", () => {
    expect(stdlibRoot({})).toBe(join(REPO, "stdlib"));
  });

  test("DFLOW_STDLIB overrides it, made absolute.", () => {
    expect(stdlibRoot({ DFLOW_STDLIB: stdlib })).toBe(stdlib);
  });
});

describe("resolveModules", () => {
  test("a dotted import resolves under the standard library, named by its last part or its alias, after the implicit data model.", () => {
    const r = resolveModules(pipeline, [{ module: ["stdlib", "calib"] }, { module: ["stdlib", "io", "fits"], alias: "fits2" }], { stdlibRoot: stdlib });
    expect(r.problems).toEqual([]);
    expect(r.modules).toEqual([
      { alias: "datamodel", spec: "stdlib.datamodel", entry: join(stdlib, "datamodel/index.ts") },
      { alias: "calib", spec: "stdlib.calib", entry: join(stdlib, "calib/index.ts") },
      { alias: "fits2", spec: "stdlib.io.fits", entry: join(stdlib, "io/fits/index.ts") },
    ]);
  });

  test("a string import resolves next to the `.dflow` file, named by its alias or its last path segment; a `.ts` path is the entry itself.", () => {
    const r = resolveModules(pipeline, [{ module: "./kernels", alias: "mine" }, { module: "./kernels/", alias: "again" }, { module: "./one.ts" }], {
      stdlibRoot: stdlib,
    });
    expect(r.problems).toEqual([]);
    expect(r.modules.map((m) => [m.alias, m.spec, m.entry])).toEqual([
      ["datamodel", "stdlib.datamodel", join(stdlib, "datamodel/index.ts")],
      ["mine", "./kernels", join(root, "pipe/kernels/index.ts")],
      ["again", "./kernels/", join(root, "pipe/kernels/index.ts")],
      ["one", "./one.ts", join(root, "pipe/one.ts")],
    ]);
  });

  test("an import of the data model itself replaces the implicit one.", () => {
    const r = resolveModules(pipeline, [{ module: ["stdlib", "datamodel"], alias: "dm" }], { stdlibRoot: stdlib });
    expect(r.problems).toEqual([]);
    expect(r.modules.map((m) => m.alias)).toEqual(["dm"]);
  });

  test("missing modules, names outside `stdlib`, unusable and duplicate aliases are problems; the other modules still resolve.", () => {
    const r = resolveModules(
      pipeline,
      [
        { module: ["stdlib", "calb"] },
        { module: "./nowhere", alias: "nw" },
        { module: ["desi", "calib"] },
        { module: "./my-kernels" },
        { module: "./kernels", alias: "calib" },
        { module: ["stdlib", "calib"] },
      ],
      { stdlibRoot: stdlib },
    );
    expect(r.modules.map((m) => m.alias)).toEqual(["datamodel", "calib"]);
    expect(r.modules[1]?.spec).toBe("./kernels");
    expect(r.problems).toEqual([
      {
        spec: "stdlib.calb",
        index: 0,
        message: `Module \`stdlib.calb\` was not found: there is no \`${join(stdlib, "calb/index.ts")}\`. Did you mean \`stdlib.calib\`?`,
        suggestions: ["stdlib.calib"],
      },
      { spec: "./nowhere", index: 1, message: `Module \`"./nowhere"\` was not found: there is no \`${join(root, "pipe/nowhere/index.ts")}\`.` },
      {
        spec: "desi.calib",
        index: 2,
        message:
          '`desi.calib` is not a standard-library module (those are named `stdlib.<name>`); import a directory of your own with a string: `import "./desi/calib" as calib`.',
      },
      {
        spec: "./my-kernels",
        index: 3,
        message: 'Module `"./my-kernels"` needs a name to qualify its kernels with; `my-kernels` is not a name: add `as <name>`.',
      },
      { spec: "stdlib.calib", index: 5, message: 'Two imports are named `calib` (`"./kernels"` and `stdlib.calib`); rename one with `as <name>`.' },
    ]);
  });

  test("the name `datamodel` is kept for the data model.", () => {
    const r = resolveModules(pipeline, [{ module: "./kernels", alias: "datamodel" }], { stdlibRoot: stdlib });
    expect(r.modules.map((m) => [m.alias, m.spec])).toEqual([["datamodel", "./kernels"]]);
    expect(r.problems).toEqual([
      { spec: "stdlib.datamodel", index: -1, message: 'The name `datamodel` is reserved for the data model; import `"./kernels"` under another name.' },
    ]);
  });

  test("a standard library without a data model is a problem of the implicit import (index -1).", () => {
    const { dir, remove: rm } = tempDir();
    try {
      writeTree(dir, { "kernel.ts": "export {};\n" });
      const r = resolveModules(pipeline, [], { stdlibRoot: dir });
      expect(r.modules).toEqual([]);
      expect(r.problems).toEqual([
        { spec: "stdlib.datamodel", index: -1, message: `The data model was not found: there is no \`${join(dir, "datamodel/index.ts")}\`.` },
      ]);
    } finally {
      rm();
    }
  });
});
