/**
 * The sizes of a product's named axes (`fiber`, `wave`), learnt from the first HDU or column
 * that shows each one, so later ones can be checked against it: `fiber` is one size in FLUX,
 * IVAR and RESOLUTION.
 */
export class DimSizes {
  private readonly sizes = new Map<string, { readonly size: number; readonly where: string }>();

  /** The size of `name`, if some HDU has shown it. */
  get(name: string): number | undefined {
    return this.sizes.get(name)?.size;
  }

  /**
   * Records that `where` gives axis `name` the size `size`. Returns a sentence when an
   * earlier HDU gave it another size, `undefined` otherwise.
   */
  bind(name: string, size: number, where: string): string | undefined {
    const known = this.sizes.get(name);
    if (known === undefined) {
      this.sizes.set(name, { size, where });
      return undefined;
    }
    if (known.size === size) return undefined;
    return `${where} gives axis \`${name}\` the size ${size}, but ${known.where} gives it ${known.size}: every HDU of a product must agree on a named axis.`;
  }
}
