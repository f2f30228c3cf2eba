import { describe, expect, it } from "vitest";
import { secondsText } from "../../src/util/secondsText.js";

describe("secondsText", () => {
  it("says whole hours and minutes as such, else seconds to three significant digits", () => {
    expect(secondsText(7200)).toBe("2 h");
    expect(secondsText(120)).toBe("2 min");
    expect(secondsText(3)).toBe("3 s");
    expect(secondsText(90)).toBe("90 s");
    // --timeout-factor 0.0000001 on a stage of `time 1 h`: not 0.00035999999999999997 s.
    expect(secondsText(3600 * 0.0000001)).toBe("0.00036 s");
    expect(secondsText(2 * 1.5)).toBe("3 s");
  });
});
