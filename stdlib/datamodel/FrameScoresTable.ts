/**
 * Per-fiber scores of one extracted camera (a frame's SCORES HDU), as desispec's extraction writes
 * them (`specscore.compute_frame_scores` with suffix RAW, desihub/desispec
 * py/desispec/specscore.py): over the camera's fixed top-hat range (b 4000–5800 Å, r 5800–7600 Å,
 * z 7600–9800 Å, lower edge included), with Δλ the pixel width (`numpy.gradient` of the grid),
 * the sum of FLUX, the median of FLUX / Δλ and the median of FLUX · √IVAR / √Δλ (negative IVAR
 * taken as 0). The column names end with the camera's band, so a frame holds only the three of its
 * band (the others are optional and left out), and desispec's regrouping can join the bands' scores
 * side by side. There is no TARGETID column: desispec's reader adds the FIBERMAP's. Rows are in
 * fiber order.
 *
 * @table
 */
export interface FrameScoresTable {
  /**
   * Sum of FLUX over the pixels at 4000–5800 Å (only in a b frame).
   * @column SUM_RAW_COUNT_B f64
   */
  readonly SUM_RAW_COUNT_B?: Float64Array;
  /**
   * Median of FLUX / Δλ over the pixels at 4000–5800 Å (only in a b frame).
   * @column MEDIAN_RAW_COUNT_B f64
   */
  readonly MEDIAN_RAW_COUNT_B?: Float64Array;
  /**
   * Median of FLUX · √IVAR / √Δλ over the pixels at 4000–5800 Å (only in a b frame).
   * @column MEDIAN_RAW_SNR_B f64
   */
  readonly MEDIAN_RAW_SNR_B?: Float64Array;
  /**
   * Sum of FLUX over the pixels at 5800–7600 Å (only in an r frame).
   * @column SUM_RAW_COUNT_R f64
   */
  readonly SUM_RAW_COUNT_R?: Float64Array;
  /**
   * Median of FLUX / Δλ over the pixels at 5800–7600 Å (only in an r frame).
   * @column MEDIAN_RAW_COUNT_R f64
   */
  readonly MEDIAN_RAW_COUNT_R?: Float64Array;
  /**
   * Median of FLUX · √IVAR / √Δλ over the pixels at 5800–7600 Å (only in an r frame).
   * @column MEDIAN_RAW_SNR_R f64
   */
  readonly MEDIAN_RAW_SNR_R?: Float64Array;
  /**
   * Sum of FLUX over the pixels at 7600–9800 Å (only in a z frame).
   * @column SUM_RAW_COUNT_Z f64
   */
  readonly SUM_RAW_COUNT_Z?: Float64Array;
  /**
   * Median of FLUX / Δλ over the pixels at 7600–9800 Å (only in a z frame).
   * @column MEDIAN_RAW_COUNT_Z f64
   */
  readonly MEDIAN_RAW_COUNT_Z?: Float64Array;
  /**
   * Median of FLUX · √IVAR / √Δλ over the pixels at 7600–9800 Å (only in a z frame).
   * @column MEDIAN_RAW_SNR_Z f64
   */
  readonly MEDIAN_RAW_SNR_Z?: Float64Array;
}
