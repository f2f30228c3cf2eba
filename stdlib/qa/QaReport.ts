/**
 * The QA report of a run: one self-contained HTML page, every plot inline SVG, nothing run or
 * fetched when it opens (docs/datamodel.md#html-products).
 *
 * @format html
 */
export interface QaReport {
  /** The page. */
  readonly html: string;
}

/**
 * The QA summary of a run: the lines `dflow run` prints at its end (docs/conventions.md#run-summary)
 * and the redshift counts per true class they come from (classes in name order).
 *
 * @format json
 */
export interface QaSummary {
  /** The lines printed at the end of the run. */
  readonly summary: readonly string[];
  /** The true classes (the truth's TEMPLATETYPE) with at least one target in the catalogue. */
  readonly classes: readonly string[];
  /** Targets of each class with a primary redshift. */
  readonly observed: readonly number[];
  /** Of those, the confident ones (ZWARN = 0). */
  readonly confident: readonly number[];
  /** Of those, the correct ones (|Δz|/(1 + z) < 0.0033 and the true spectral type). */
  readonly correct: readonly number[];
  /** Targets in the tiles' fields (sky fibers' positions left out). */
  readonly targetsInFields: number;
  /** Of those, the ones a fiber was assigned to. */
  readonly targetsAssigned: number;
}
