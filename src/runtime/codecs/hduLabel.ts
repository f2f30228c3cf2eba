import type { HduInfo } from "../../kernels/index.js";

/** `HDU \`FLUX\``, with the member's name when it differs from the EXTNAME: `HDU \`FLUX\` (member \`flux\`)`. */
export function hduLabel(hdu: HduInfo): string {
  return hdu.member === hdu.name ? `HDU \`${hdu.name}\`` : `HDU \`${hdu.name}\` (member \`${hdu.member}\`)`;
}

/** `[fiber, diag=11, wave]`: the axes as `@dims` writes them. */
export function formatDimList(dims: readonly { readonly name: string; readonly size?: number }[]): string {
  return `[${dims.map((d) => (d.size === undefined ? d.name : `${d.name}=${d.size}`)).join(", ")}]`;
}
