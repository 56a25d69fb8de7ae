import { describe, expect, it } from "vitest";
import { effectiveKind, emptyRow, isRendered, recipe, renderAs } from "./recipe";

const formats = { ds_text: "text", ds_chat: "messages", ds_pairs: "preference" };
const text = { ...emptyRow, datasetId: "ds_text", versionId: "dsv_text" };
const chat = { ...emptyRow, datasetId: "ds_chat", versionId: "dsv_chat", amount: "2", renderAs: "chat_template:tiny-chat" };

describe("mixture recipe", () => {
  it("produces the first source's kind unless one is declared", () => {
    expect(effectiveKind("", [text, chat], formats)).toBe("text");
    expect(effectiveKind("", [chat, text], formats)).toBe("messages");
    expect(effectiveKind("text", [chat, text], formats)).toBe("text");
    expect(effectiveKind("", [emptyRow], formats)).toBeNull();
  });

  it("renders only conversations in a text mixture", () => {
    expect(isRendered("text", "messages")).toBe(true);
    expect(isRendered("text", "text")).toBe(false);
    expect(isRendered("messages", "messages")).toBe(false);
    expect(isRendered("text", "preference")).toBe(false);
  });

  it("reads the rendered-as choice", () => {
    expect(renderAs("plain")).toEqual({ style: "plain", model: null });
    expect(renderAs("chat_template:org:model")).toEqual({ style: "chat_template", model: "org:model" });
  });

  it("sends render_as for rendered sources only, and the kind only when declared", () => {
    expect(recipe("ipt", "3", "", [text, chat], formats)).toEqual({
      name: "ipt",
      seed: 3,
      sources: [
        { dataset_version_id: "dsv_text", ratio: 1, target_tokens: null, sampling: "down" },
        { dataset_version_id: "dsv_chat", ratio: 2, target_tokens: null, sampling: "down", render_as: { style: "chat_template", model: "tiny-chat" } },
      ],
    });
    const declared = recipe("", "0", "text", [chat], formats);
    expect(declared?.kind).toBe("text");
    expect(declared?.name).toBe("mixture");
    expect(recipe("m", "0", "messages", [chat], formats)?.sources[0].render_as).toBeUndefined();
    expect(recipe("m", "0", "", [{ ...chat, versionId: "" }], formats)).toBeNull();
    expect(recipe("m", "0", "", [{ ...chat, amount: "0" }], formats)).toBeNull();
  });
});
