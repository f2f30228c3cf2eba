/** Writes a syntactically valid `.dflow` file of about `lines` lines, in the shape of a survey pipeline. */
export function genLargeDflow(lines: number): string {
  const out: string[] = [
    "# Generated for the front-end benchmark.",
    'pipeline big "a generated pipeline"',
    "",
    "import stdlib.calib",
    "param seed: int = 1",
    "param nside: int = 64",
    "grid petal = 0..9",
    "grid camera = {b, r, z}",
    "grid exposure = exposures.EXPID key { night = NIGHT, tile = TILEID, flavor = FLAVOR }",
    "grid night = exposures.NIGHT",
    'product exposures : ExposureList at "survey/exposures.ecsv"',
    "",
  ];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `# stage ${i}: calibrate one camera of one exposure`,
      `product p${i}[exposure, camera, petal] : Frame at "s${i}/{exposure.night}/{exposure:08d}/p${i}-{camera}{petal}.fits"`,
      `stage s${i}[e: exposure, c: camera, p: petal] where e.flavor == "science" and e.night >= 20201214 {`,
      `  label "pipeline-s${i}"`,
      `  in frame: p${i === 0 ? 0 : i - 1}[e, c, p]`,
      `  in flats: p${i === 0 ? 0 : i - 1}[x, c, p] for x in exposure where x.night == e.night and x.flavor == "flat"`,
      `  out p${i}[e, c, p]`,
      `  kernel calib.step${i % 7}`,
      `  param nsig = ${(i % 5) + 1}.5`,
      `  param smooth = 0.8 Angstrom`,
      `  time 10min per 250 spectra`,
      `  memory 4GB`,
      `  cores 2`,
      `  status ready "generated"`,
      `}`,
      "",
    );
    i++;
  }
  return out.join("\n") + "\n";
}
