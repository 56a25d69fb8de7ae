import { describe, expect, it } from "vitest";
import { chatRequest, DEFAULT_SAMPLING, parseNumber } from "./playground";

describe("chatRequest", () => {
  it("puts the system prompt first and keeps the pane's own answers", () => {
    const request = chatRequest(
      "tiny-chat",
      "Be brief.",
      [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
        { role: "user", content: "Capital of Mexico?" },
      ],
      { temperature: 0, top_p: 0.9, max_tokens: 32 },
    );
    expect(request).toEqual({
      model: "tiny-chat",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello!" },
        { role: "user", content: "Capital of Mexico?" },
      ],
      temperature: 0,
      top_p: 0.9,
      max_tokens: 32,
    });
  });

  it("leaves out a blank system prompt and an answer stopped before its first token", () => {
    const request = chatRequest("m", "  ", [{ role: "user", content: "a" }, { role: "assistant", content: "" }, { role: "user", content: "b" }], DEFAULT_SAMPLING);
    expect(request.messages.map((m) => m.content)).toEqual(["a", "b"]);
  });
});

describe("parseNumber", () => {
  it("keeps the previous value for text that is not a number", () => {
    expect(parseNumber("0.5", 1)).toBe(0.5);
    expect(parseNumber("", 1)).toBe(1);
    expect(parseNumber("abc", 2)).toBe(2);
  });
});
