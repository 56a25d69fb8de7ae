import { describe, expect, it } from "vitest";
import { maskSummary, parseRecordIndex, tokenParts, tokenTitle, trainedPercent, visibleText } from "./maskPreview";

describe("tokenParts", () => {
  it("keeps plain text as one run", () => {
    expect(tokenParts("Hello")).toEqual([{ kind: "text", text: "Hello" }]);
    expect(tokenParts("<|im_start|>")).toEqual([{ kind: "text", text: "<|im_start|>" }]);
  });

  it("splits out spaces, tabs, newlines and carriage returns", () => {
    expect(tokenParts(" world")).toEqual([{ kind: "space" }, { kind: "text", text: "world" }]);
    expect(tokenParts("a\tb")).toEqual([{ kind: "text", text: "a" }, { kind: "tab" }, { kind: "text", text: "b" }]);
    expect(tokenParts("\n\n")).toEqual([{ kind: "newline" }, { kind: "newline" }]);
    expect(tokenParts("x\r\n")).toEqual([{ kind: "text", text: "x" }, { kind: "return" }, { kind: "newline" }]);
    expect(tokenParts("\u00a0")).toEqual([{ kind: "space" }]);
  });

  it("marks an empty token", () => {
    expect(tokenParts("")).toEqual([{ kind: "empty" }]);
  });

  it("keeps characters outside the BMP whole", () => {
    expect(tokenParts("🙂 ok")).toEqual([{ kind: "text", text: "🙂" }, { kind: "space" }, { kind: "text", text: "ok" }]);
  });
});

describe("visibleText and tokenTitle", () => {
  it("draws whitespace as glyphs, a newline's followed by a real break", () => {
    expect(visibleText(" Hi\n")).toBe("·Hi↵\n");
    expect(visibleText("\t")).toBe("→");
    expect(visibleText("")).toBe("∅");
  });

  it("shows the exact, escaped text and the flag", () => {
    expect(tokenTitle({ text: "\n<|im_end|>", trained: true })).toBe('"\\n<|im_end|>" — trained');
    expect(tokenTitle({ text: " a", trained: false })).toBe('" a" — not trained');
  });
});

describe("summary", () => {
  it("says how many tokens are trained, with a whole percentage", () => {
    expect(maskSummary(37, 52)).toBe("37 of 52 tokens trained (71 %)");
    expect(maskSummary(0, 10)).toBe("0 of 10 tokens trained (0 %)");
    expect(maskSummary(10, 10)).toBe("10 of 10 tokens trained (100 %)");
    expect(maskSummary(1, 1)).toBe("1 of 1 token trained (100 %)");
    expect(maskSummary(0, 0)).toBe("0 of 0 tokens trained (0 %)");
    expect(maskSummary(1234, 5000)).toBe(`${(1234).toLocaleString()} of ${(5000).toLocaleString()} tokens trained (25 %)`);
  });

  it("never rounds to 0 % or 100 % unless it is exactly that", () => {
    expect(trainedPercent(1, 1000)).toBe(1);
    expect(trainedPercent(999, 1000)).toBe(99);
    expect(trainedPercent(1, 2)).toBe(50);
    expect(trainedPercent(5, 0)).toBe(0);
  });
});

describe("parseRecordIndex", () => {
  it("accepts whole numbers from 0", () => {
    expect(parseRecordIndex("0")).toBe(0);
    expect(parseRecordIndex("42")).toBe(42);
    expect(parseRecordIndex("-1")).toBeNull();
    expect(parseRecordIndex("1.5")).toBeNull();
    expect(parseRecordIndex("abc")).toBeNull();
    expect(parseRecordIndex("")).toBeNull();
  });
});
