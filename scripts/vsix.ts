/**
 * Packages editors/vscode as a `.vsix`: the zip VS Code installs (`code --install-extension`),
 * laid out as vsce lays it out: `extension/…` (the extension's files), `extension.vsixmanifest`
 * (identity, engine, assets, from the extension's package.json) and `[Content_Types].xml`. The zip
 * is written here with Node's zlib (deflate; CRC-32 computed here), entries in a fixed order with a
 * fixed date, so the same sources give the same bytes. The extension's code, src/extension.mts and
 * the vscode-languageclient it imports, is bundled by esbuild into one CommonJS file,
 * `extension/extension.js` (`vscode` stays external: VS Code provides it).
 */
import { buildSync } from "esbuild";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";

/** The extension's files copied as they are, relative to editors/vscode, in the order they are packed (extension.js, bundled, follows package.json). */
export const EXTENSION_FILES = ["package.json", "language-configuration.json", "syntaxes/dflow.tmLanguage.json", "README.md"] as const;

/**
 * The extension's code as VS Code loads it (package.json's `main`): src/extension.mts with its
 * dependencies in one CommonJS file for VS Code's Node (1.82 runs Node 18). Paths in the bundle's
 * comments are relative to `dir`, so the bytes do not depend on where the checkout is. With it, the
 * notices of the packages bundled: each one's name, version, licence and licence file.
 */
export function bundleExtension(dir: string): { code: Buffer; notices: string } {
  const r = buildSync({
    entryPoints: [path.join(dir, "src/extension.mts")],
    absWorkingDir: dir,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node18",
    external: ["vscode"],
    legalComments: "none",
    write: false,
    metafile: true,
    outfile: path.join(dir, "extension.js"),
    logLevel: "warning",
  });
  const out = r.outputFiles[0];
  if (out === undefined) throw new Error("esbuild wrote no extension.js");
  const packages = new Set(Object.keys(r.metafile.inputs).flatMap((f) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []));
  const notices = [...packages]
    .map((p) => {
      const pkg = JSON.parse(readFileSync(path.join(dir, p, "package.json"), "utf8")) as { name: string; version: string; license?: string };
      const file = readdirSync(path.join(dir, p)).find((f) => /^licen[cs]e(\.(txt|md))?$/i.test(f));
      if (file === undefined) throw new Error(`${pkg.name} is bundled into the extension but has no licence file`);
      return {
        name: pkg.name,
        text: `${pkg.name} ${pkg.version} (${pkg.license ?? "see below"})\n\n${readFileSync(path.join(dir, p, file), "utf8").trim()}\n`,
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const head = "The extension's extension.js bundles these packages, under these licences.\n";
  return { code: Buffer.from(out.contents), notices: [head, ...notices.map((n) => n.text)].join(`\n${"-".repeat(72)}\n\n`) };
}

interface Manifest {
  name: string;
  displayName?: string;
  description?: string;
  version: string;
  publisher: string;
  engines: { vscode: string };
  categories?: string[];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (the zip polynomial, reflected 0xEDB88320). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of `entries` (deflated, 1980-01-01 00:00 as every entry's date). */
export function zip(entries: readonly { name: string; data: Uint8Array }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const packed = deflateRawSync(e.data, { level: 9 });
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(0x0314, 4); // made by: Unix, 2.0
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(0, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(e.data.length, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    cen.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cen, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The `extension.vsixmanifest` vsce writes for a package.json (the fields VS Code and the Marketplace read). */
export function vsixManifest(m: Manifest): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${xml(m.name)}" Version="${xml(m.version)}" Publisher="${xml(m.publisher)}" />
    <DisplayName>${xml(m.displayName ?? m.name)}</DisplayName>
    <Description xml:space="preserve">${xml(m.description ?? "")}</Description>
    <Tags>dflow</Tags>
    <Categories>${xml((m.categories ?? []).join(","))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${xml(m.engines.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionDependencies" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionPack" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
      <Property Id="Microsoft.VisualStudio.Code.LocalizedLanguages" Value="" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true" />
  </Assets>
</PackageManifest>
`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension=".json" ContentType="application/json" /><Default Extension=".js" ContentType="application/javascript" /><Default Extension=".md" ContentType="text/markdown" /><Default Extension=".txt" ContentType="text/plain" /><Default Extension=".vsixmanifest" ContentType="text/xml" /></Types>
`;

/** The `.vsix` of the extension in `dir` (editors/vscode): its name (`NAME-VERSION.vsix`) and bytes. */
export function buildVsix(dir: string): { name: string; bytes: Buffer; manifest: Manifest } {
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
  const entries: { name: string; data: Uint8Array }[] = [
    { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
    { name: "extension.vsixmanifest", data: Buffer.from(vsixManifest(manifest)) },
    ...EXTENSION_FILES.map((f) => ({ name: `extension/${f}`, data: readFileSync(path.join(dir, f)) })),
  ];
  const bundle = bundleExtension(dir);
  entries.splice(3, 0, { name: "extension/extension.js", data: bundle.code });
  entries.push({ name: "extension/ThirdPartyNotices.txt", data: Buffer.from(bundle.notices) });
  return { name: `${manifest.name}-${manifest.version}.vsix`, bytes: zip(entries), manifest };
}
