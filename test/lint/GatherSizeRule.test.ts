import { describe, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/lint/index.js";
import { GatherSizeRule } from "../../src/lint/rules/GatherSizeRule.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

/** A stage `sum` gathering the `n` frames of a night; `night` 0 has one frame, night 1 has `n - 1`. */
const pipeline = (n: number): string => dedent`
  pipeline p
  grid frame = 0..${n - 1}
  grid night = {0, 1}
  product f[frame] : F at "f-{frame}.fits"
  product s[night] : F at "s-{night}.fits"
  stage make[i: frame] {
    out f[i]
  }
  stage sum[n: night] {
    in frames: f[i] for i in frame where (i > 0) == (n == 1)
    out s[n]
  }
`;

describe("GatherSizeRule", () => {
  it("accepts gathers up to the bound", () => {
    expectLint(GatherSizeRule, pipeline(4), [], { config: { ...DEFAULT_CONFIG, gatherMax: 3 } });
    expectLint(GatherSizeRule, pipeline(40), []);
  });

  it("reports a gather over the bound once, with its largest task's count", () => {
    expectLint(
      GatherSizeRule,
      pipeline(6),
      [{ code: "DF6006", message: "Input `frames` of stage `sum` gathers 5 items in one task, more than the bound of 3.", at: "10:19" }],
      { config: { ...DEFAULT_CONFIG, gatherMax: 3 } },
    );
  });
});
