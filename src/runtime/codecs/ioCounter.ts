/**
 * A counter of the product files the codec layer opens and of the bytes it reads from them, in
 * this process: every lazy handle's opening (one per call, or one per session) and every whole
 * read. Tests and benchmarks reset it, run a kernel on real handles, and read what it cost.
 */

/** Opens and bytes read, in total and per file. */
export interface IoCount {
  readonly opens: number;
  readonly bytes: number;
  /** The same, per file path. */
  readonly files: ReadonlyMap<string, { readonly opens: number; readonly bytes: number }>;
}

let opens = 0;
let bytes = 0;
let files = new Map<string, { opens: number; bytes: number }>();

/** Records one opening of `path` that read `n` bytes. */
export function countRead(path: string, n: number): void {
  opens += 1;
  bytes += n;
  const f = files.get(path) ?? { opens: 0, bytes: 0 };
  f.opens += 1;
  f.bytes += n;
  files.set(path, f);
}

/** What has been counted since the last {@link resetIoCount} (a copy). */
export function ioCount(): IoCount {
  return { opens, bytes, files: new Map([...files].map(([k, v]) => [k, { ...v }])) };
}

/** Sets the counter back to zero. */
export function resetIoCount(): void {
  opens = 0;
  bytes = 0;
  files = new Map();
}
