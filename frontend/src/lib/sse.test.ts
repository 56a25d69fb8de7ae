import { describe, expect, it } from "vitest";
import { createSseParser } from "./sse";

describe("createSseParser", () => {
  it("returns each event's data once the event is complete, across arbitrary chunk boundaries", () => {
    const feed = createSseParser();
    expect(feed('data: {"a"')).toEqual([]);
    expect(feed(':1}\n\ndata: [DO')).toEqual(['{"a":1}']);
    expect(feed("NE]\n\n")).toEqual(["[DONE]"]);
  });

  it("handles CRLF, comments, several events in one chunk and multi-line data", () => {
    const feed = createSseParser();
    expect(feed(": keep-alive\r\n\r\ndata: x\r\n\r\ndata:y\ndata: z\n\n")).toEqual(["x", "y\nz"]);
  });
});
