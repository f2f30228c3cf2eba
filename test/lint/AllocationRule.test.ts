import { describe, it } from "vitest";
import { AllocationRule } from "../../src/lint/rules/AllocationRule.js";
import type { Site } from "../../src/plan/index.js";
import { dedent } from "../helpers/syntax.js";
import { expectLint } from "./lintText.js";

const site = (nodeHours: number | undefined): Site => ({
  name: "s",
  coresPerNode: 2,
  timeFactor: 1,
  MaxArraySize: 100,
  setup: [],
  ...(nodeHours !== undefined ? { nodeHours } : {}),
});

// 4 tasks of 1 h on 4 cores, and one of 30 min on 1 core: 16.5 core-hours, 8.25 node-hours on 2-core nodes.
const TEXT = dedent`
  pipeline p
  grid i = 1..4
  product x[i] : F at "x-{i}.fits"
  product y : F at "y.fits"
  stage big[k: i] {
    out x[k]
    cores 4
    time 1h
  }
  stage small {
    out y
    time 30min
  }
`;

describe("AllocationRule", () => {
  it("accepts a plan within the allocation, and a site without one", () => {
    expectLint(AllocationRule, TEXT, [], { site: site(8.25) });
    expectLint(AllocationRule, TEXT, [], { site: site(undefined) });
    expectLint(AllocationRule, TEXT, []);
  });

  it("reports a plan over the allocation with its figure, at the pipeline line", () => {
    expectLint(AllocationRule, TEXT, [{ code: "DF6007", message: "The plan costs 8.25 node-hours, over site `s`'s allocation of 8.00.", at: "1:1" }], {
      site: site(8),
    });
  });

  it("scales the cost by the site's time factor", () => {
    expectLint(AllocationRule, TEXT, [{ code: "DF6007", message: "The plan costs 16.5 node-hours, over site `s`'s allocation of 10.0." }], {
      site: { ...site(10), timeFactor: 2 },
    });
  });
});
