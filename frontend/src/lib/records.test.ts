import { describe, expect, it } from "vitest";
import { hasMaskPreview, messagesOf, recordView } from "./records";

const convo = [
  { role: "user", content: "Weather in Oslo?" },
  { role: "assistant", content: "", tool_calls: [{ type: "function", id: "c1", function: { name: "get_weather", arguments: '{"city": "Oslo"}' } }] },
  { role: "tool", content: '{"temperature_c": 4}', tool_call_id: "c1", name: "get_weather" },
  { role: "assistant", content: "4 °C.", weight: 0 },
];

describe("records by kind", () => {
  it("reads conversations with tool calls, tool results, weights and the tools offered", () => {
    const view = recordView("messages", { messages: convo, tools: [{ type: "function", function: { name: "get_weather" } }] });
    expect(view.kind).toBe("messages");
    if (view.kind !== "messages") return;
    expect(view.tools).toEqual(["get_weather"]);
    expect(view.messages[1].toolCalls).toEqual([{ name: "get_weather", id: "c1", arguments: '{\n  "city": "Oslo"\n}' }]);
    expect(view.messages[2]).toMatchObject({ role: "tool", toolCallId: "c1", name: "get_weather" });
    expect(view.messages[3].weight).toBe(0);
  });

  it("reads preference pairs as prompt, chosen and rejected", () => {
    const view = recordView("preference", {
      prompt: [{ role: "user", content: "2+2?" }],
      chosen: [{ role: "assistant", content: "4" }],
      rejected: [{ role: "assistant", content: "5" }],
    });
    expect(view).toMatchObject({ kind: "preference", chosen: [{ content: "4" }], rejected: [{ content: "5" }] });
  });

  it("reads multiple-choice questions with the right answer", () => {
    expect(recordView("multiple_choice", { question: "2 + 2?", choices: ["3", "4"], answer_index: 1, subject: "math" })).toEqual({
      kind: "multiple_choice",
      question: "2 + 2?",
      choices: ["3", "4"],
      answerIndex: 1,
      subject: "math",
    });
    expect(recordView("multiple_choice", { question: 1 })).toEqual({ kind: "raw" });
  });

  it("reads KTO records with their label", () => {
    expect(recordView("kto", { messages: convo.slice(0, 1), label: false })).toMatchObject({ kind: "kto", label: false });
  });

  it("reads text with its source and section", () => {
    expect(recordView("text", { text: "Chapter one.", source: "book.md", section: "Intro" })).toEqual({
      kind: "text",
      text: "Chapter one.",
      source: "book.md",
      section: "Intro",
    });
  });

  it("follows the record's shape when it disagrees with the kind, and falls back to raw JSON", () => {
    expect(recordView("kto", { messages: convo }).kind).toBe("messages"); // no label
    expect(recordView("preference", { foo: 1 }).kind).toBe("raw");
    expect(recordView("text", { text: 3 }).kind).toBe("raw");
    expect(recordView(undefined, { text: "t" }).kind).toBe("text");
  });

  it("shows non-string content as JSON rather than failing", () => {
    expect(messagesOf([{ role: "user", content: [{ type: "text", text: "hi" }] }])?.[0].content).toBe('[{"type":"text","text":"hi"}]');
    expect(messagesOf("nope")).toBeNull();
  });

  it("offers the loss-mask preview for conversations only", () => {
    expect(["messages", "preference", "kto", "text"].map(hasMaskPreview)).toEqual([true, false, false, false]);
  });
});
