import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { buildSync } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { AtomicFile, temporaryName, writeFileAtomic } from "../../src/util/writeFileAtomic.js";

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), "dflow-write-"));

/** The writer bundled to plain JavaScript, for child processes and worker threads. */
let bundle = "";
beforeAll(() => {
  bundle = path.join(tmp(), "writeFileAtomic.mjs");
  buildSync({
    entryPoints: [path.resolve("src/util/writeFileAtomic.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: bundle,
    logLevel: "warning",
  });
});

describe("writeFileAtomic", () => {
  it("writes a string, bytes or chunks (mixed), returns the size and on request the SHA-256, and leaves no temporary file", () => {
    const dir = tmp();
    const text = "héllo\n".repeat(20_000);
    const chunks = (function* () {
      for (let i = 0; i < 20_000; i++) yield i % 3 === 0 ? Buffer.from("héllo\n") : "héllo\n";
    })();
    const a = writeFileAtomic(path.join(dir, "a.txt"), text, { hash: true });
    const b = writeFileAtomic(path.join(dir, "b.txt"), Buffer.from(text));
    const c = writeFileAtomic(path.join(dir, "c.txt"), chunks, { hash: true, fsync: false });
    const bytes = Buffer.byteLength(text);
    expect([a.bytes, b.bytes, c.bytes]).toEqual([bytes, bytes, bytes]);
    expect(a.sha256).toBe(createHash("sha256").update(text).digest("hex"));
    expect(c.sha256).toBe(a.sha256);
    expect(b.sha256).toBeUndefined();
    for (const f of ["a.txt", "b.txt", "c.txt"]) expect(readFileSync(path.join(dir, f), "utf8")).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(["a.txt", "b.txt", "c.txt"]);
  });

  it("replaces a file whole, and when the chunks throw it leaves the old file and no temporary file", () => {
    const dir = tmp();
    const f = path.join(dir, "f.txt");
    writeFileAtomic(f, "old\n");
    writeFileAtomic(f, ["new", "\n"]);
    expect(readFileSync(f, "utf8")).toBe("new\n");
    const failing = (function* () {
      yield "x".repeat(1 << 20);
      throw new Error("the emitter failed");
    })();
    expect(() => writeFileAtomic(f, failing)).toThrow("the emitter failed");
    expect(readFileSync(f, "utf8")).toBe("new\n");
    expect(readdirSync(dir)).toEqual(["f.txt"]);
  });

  it("makes the missing directories, or with mkdir false refuses without writing anything", () => {
    const dir = tmp();
    const deep = path.join(dir, "a", "b", "c", "d.json");
    writeFileAtomic(deep, "{}\n");
    expect(readFileSync(deep, "utf8")).toBe("{}\n");
    const nowhere = path.join(dir, "x", "y.json");
    expect(() => writeFileAtomic(nowhere, "{}\n", { mkdir: false })).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual(["a"]);
  });

  it("sets the mode exactly, whatever the umask (0o775 for a script survives umask 022), and keeps it on replacement", () => {
    const dir = tmp();
    const script = path.join(dir, "submit.sh");
    writeFileAtomic(script, "#!/bin/bash\n", { mode: 0o775 });
    expect(statSync(script).mode & 0o7777).toBe(0o775);
    writeFileAtomic(script, "#!/bin/bash\ntrue\n", { mode: 0o750 });
    expect(statSync(script).mode & 0o7777).toBe(0o750);
    const secret = path.join(dir, "secret");
    writeFileAtomic(secret, "x", { mode: 0o600 });
    expect(statSync(secret).mode & 0o7777).toBe(0o600);
    const plain = path.join(dir, "plain");
    writeFileAtomic(plain, "x");
    expect(statSync(plain).mode & 0o7777).toBe(0o666 & ~process.umask());
  });

  it("AtomicFile: nothing under the final name until commit; abort removes the temporary file", () => {
    const dir = tmp();
    const f = path.join(dir, "plan.jsonl");
    const w = new AtomicFile(f);
    w.write("line 1\n");
    w.write(Buffer.from("line 2\n"));
    expect(readdirSync(dir)).toEqual([path.basename(w.tmp)]);
    expect(w.commit()).toEqual({ bytes: 14 });
    expect(readFileSync(f, "utf8")).toBe("line 1\nline 2\n");
    const v = new AtomicFile(f);
    v.write("partial");
    v.abort();
    v.abort();
    expect(readdirSync(dir)).toEqual(["plan.jsonl"]);
    expect(readFileSync(f, "utf8")).toBe("line 1\nline 2\n");
  });

  it("temporary names are unique per process, worker thread and call, beside the target", async () => {
    const names = [temporaryName("/d/f"), temporaryName("/d/f")];
    const fromWorker = (): Promise<string[]> =>
      new Promise((resolve, reject) => {
        const w = new Worker(
          `import(${JSON.stringify(pathToFileURL(bundle).href)}).then((m) => require("node:worker_threads").parentPort.postMessage([m.temporaryName("/d/f"), m.temporaryName("/d/f"), require("node:worker_threads").threadId]))`,
          { eval: true },
        );
        w.once("message", (m: [string, string, number]) => {
          expect(m[0]).toContain(`.tmp-${process.pid}-${m[2]}-`);
          resolve(m.slice(0, 2) as string[]);
          void w.terminate();
        });
        w.once("error", reject);
      });
    const [a, b] = await Promise.all([fromWorker(), fromWorker()]);
    const all = [...names, ...a, ...b];
    expect(new Set(all).size).toBe(6);
    for (const n of all) expect(path.dirname(n)).toBe("/d");
  });

  it("worker threads of one process writing the same file at once: it ends whole, one writer's bytes, no temporary file left", async () => {
    const dir = tmp();
    const f = path.join(dir, "shared.js");
    const code = `
      const { parentPort, workerData, threadId } = require("node:worker_threads");
      import(workerData.bundle).then((m) => {
        for (let i = 0; i < 40; i++) m.writeFileAtomic(workerData.file, ("t" + threadId + " ").repeat(20000) + "\\n", { fsync: false });
        parentPort.postMessage("done");
      });`;
    await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(code, { eval: true, workerData: { bundle: pathToFileURL(bundle).href, file: f } });
            w.once("message", () => void w.terminate().then(() => resolve()));
            w.once("error", reject);
          }),
      ),
    );
    const text = readFileSync(f, "utf8");
    const m = /^(t\d+ )/.exec(text);
    expect(m).not.toBeNull();
    expect(text).toBe(m![1]!.repeat(20000) + "\n");
    expect(readdirSync(dir)).toEqual(["shared.js"]);
  });

  it("a process killed in the middle of a write leaves the old file under the final name, never a partial one", async () => {
    const dir = tmp();
    const f = path.join(dir, "product.fits");
    writeFileSync(f, "the previous complete product\n");
    // The child writes one chunk, says so, then blocks inside the iterable until it is killed.
    const script = path.join(dir, "child.mjs");
    writeFileSync(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(bundle).href)};
       writeFileAtomic(${JSON.stringify(f)}, (function* () {
         yield Buffer.alloc(1 << 20, 65);
         yield Buffer.alloc(1 << 20, 66);
         process.stdout.write("written\\n");
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
         yield "never";
       })());`,
    );
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    const temporary = readdirSync(dir).filter((n) => n.startsWith("product.fits.tmp-"));
    expect(temporary).toHaveLength(1);
    expect(statSync(path.join(dir, temporary[0]!)).size).toBeGreaterThan(0);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(readFileSync(f, "utf8")).toBe("the previous complete product\n");
  });
});
