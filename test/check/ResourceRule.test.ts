import { describe, it } from "vitest";
import { ResourceRule } from "../../src/check/rules/ResourceRule.js";
import { expectDiagnostics } from "../helpers/check.js";
import { dedent } from "../helpers/syntax.js";

describe("ResourceRule", () => {
  it("accepts counts, sizes, durations, cost models and packing", () => {
    expectDiagnostics(
      ResourceRule,
      dedent`
      pipeline p
      param ncore: int = 4
      stage s {
        cores 32
        threads ncore
        ranks 4
        gpus 1
        memory 4GB
        time 10min per 250 spectra
        pack 30min
      }
      stage t {
        memory 512MiB
        time 2h
        pack 16
      }
    `,
      [],
    );
  });

  it("reports an unknown resource with suggestions", () => {
    expectDiagnostics(ResourceRule, "pipeline p\nstage s {\n  memroy 4GB\n}\n", [{ code: "DF2007", message: "`memroy` is not a resource.", at: "3:3" }]);
  });

  it("reports values of the wrong kind and unknown units", () => {
    expectDiagnostics(
      ResourceRule,
      dedent`
      pipeline p
      stage s {
        cores 2.5
        memory 4
        time 10GB
        time 10mni
        pack 4GB
      }
    `,
      [
        { code: "DF3040", message: "`cores` takes a whole number greater than zero.", at: "3:9" },
        { code: "DF3040", message: "`memory` takes a data size such as `4GB`.", at: "4:10" },
        { code: "DF3040", message: "`time` takes a duration such as `10min`, but `GB` is not one.", at: "5:10" },
        { code: "DF3040", at: "6:10" },
        { code: "DF3040", message: "`pack` takes a number of tasks per job (`pack 16`) or a target job length (`pack 30min`).", at: "7:8" },
      ],
    );
  });

  it("allows `per` only on time", () => {
    expectDiagnostics(ResourceRule, "pipeline p\nstage s {\n  memory 4GB per 10 spectra\n}\n", [
      { code: "DF2007", message: "Only `time` scales with the input (`per`), not `memory`.", at: "3:18" },
    ]);
  });
});
