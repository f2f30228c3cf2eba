import { describe, expect, it } from "vitest";
import { byteSize } from "../../src/util/byteSize.js";

describe("byteSize", () => {
  it("writes GB with two decimals from 1 GB and whole MB below", () => {
    expect(byteSize(2.5e9)).toBe("2.50 GB");
    expect(byteSize(73e6)).toBe("73 MB");
  });

  it("writes whole kB below 1 MB, never 0 MB", () => {
    expect(byteSize(1000)).toBe("1 kB");
    expect(byteSize(512e3)).toBe("512 kB");
    expect(byteSize(2e6, 1000)).toBe("2 MB");
  });

  it("tells a use over its limit apart from the limit", () => {
    expect(byteSize(1.004e9, 1e9)).toBe("1.004 GB");
    expect(byteSize(1e9, 1.004e9)).toBe("1.000 GB");
    expect(byteSize(512.4e6, 512e6)).toBe("512.4 MB");
    expect(byteSize(1.5e9, 1e9)).toBe("1.50 GB");
    expect(byteSize(1e9, 1e9)).toBe("1.00 GB");
  });
});
