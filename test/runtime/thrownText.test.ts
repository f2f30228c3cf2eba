import { describe, expect, it } from "vitest";
import { KernelError, isKernelError } from "../../stdlib/kernel.js";
import { thrownText } from "../../src/runtime/thrownText.js";

describe("thrownText: a readable message for anything a kernel throws", () => {
  it("gives a KernelError's message alone, and recognises a copy of the class by its symbol", () => {
    const e = new KernelError("fiber 12 has no valid pixels");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("KernelError");
    expect(thrownText(e)).toEqual({ message: "fiber 12 has no valid pixels", log: "fiber 12 has no valid pixels" });
    const copy = Object.assign(new Error("from another copy"), { [Symbol.for("dflow.KernelError")]: true, name: "KernelError" });
    expect(isKernelError(copy)).toBe(true);
    expect(isKernelError(new Error("x"))).toBe(false);
    expect(thrownText(copy).message).toBe("from another copy");
  });

  it("names the error class when it is not a plain Error, and keeps the stack for the log", () => {
    const t = thrownText(new TypeError("x is not a function"));
    expect(t.message).toBe("TypeError: x is not a function");
    expect(t.log).toContain("at ");
    expect(thrownText(new Error("plain")).message).toBe("plain");
  });

  it("reads null, undefined, strings, numbers, symbols and plain objects", () => {
    expect(thrownText(null).message).toBe("the kernel threw `null`");
    expect(thrownText(undefined).message).toBe("the kernel threw `undefined`");
    expect(thrownText("text").message).toBe("text");
    expect(thrownText("").message).toBe("the kernel threw an empty string");
    expect(thrownText(42).message).toBe("the kernel threw number 42");
    expect(thrownText(Symbol("s")).message).toBe("the kernel threw symbol Symbol(s)");
    expect(thrownText({ code: 7 }).message).toBe('the kernel threw {"code":7}');
    expect(thrownText(new Error("")).message).toBe("the kernel threw [object Error] without a message");
  });

  it("never throws itself: throwing getters, a revoked proxy, a message that is not text", () => {
    const getter = Object.defineProperty({}, "message", {
      get() {
        throw new Error("boom");
      },
    });
    expect(thrownText(getter).message).toBe("the kernel threw an object whose `message` cannot be read");
    const cyclic: Record<string, unknown> = { stage: "sky" };
    cyclic["self"] = cyclic;
    expect(thrownText(cyclic).message).toBe("the kernel threw an object {stage, self} without a message");
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(thrownText(proxy).message).toMatch(/^the kernel threw /);
    expect(thrownText({ message: 12 }).message).toBe("the kernel threw an error whose message is not text");
    expect(thrownText("a\n  b".repeat(200)).message.length).toBeLessThanOrEqual(301);
  });
});
