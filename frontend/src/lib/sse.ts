// Server-Sent Events from a fetch body: EventSource cannot POST, so chat streams are read by hand.

/** Feed text as it arrives; get back the `data:` payload of every event completed so far. */
export function createSseParser(): (text: string) => string[] {
  let buffer = "";
  return (text: string) => {
    buffer += text.replace(/\r\n?/g, "\n");
    const events: string[] = [];
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5));
      if (data.length) events.push(data.join("\n"));
      end = buffer.indexOf("\n\n");
    }
    return events;
  };
}
