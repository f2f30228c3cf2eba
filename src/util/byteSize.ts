/**
 * A memory size for a message: GB with two decimals from 1 GB, else whole MB from 1 MB, else whole kB. Given the size it
 * is compared with, the two are written with as many more decimals as it takes to tell them
 * apart, so a use over its limit never reads as equal to it.
 */
export function byteSize(bytes: number, other?: number): string {
  const unit = bytes >= 1e9 ? 1e9 : bytes >= 1e6 ? 1e6 : 1e3;
  const name = unit === 1e9 ? "GB" : unit === 1e6 ? "MB" : "kB";
  let digits = unit === 1e9 ? 2 : 0;
  const text = (b: number): string => `${(b / unit).toFixed(digits)} ${name}`;
  if (other !== undefined && other !== bytes) while (digits < 9 && text(bytes) === text(other)) digits++;
  return text(bytes);
}
