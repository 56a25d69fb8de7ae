import type { ReactNode } from "react";
import type { DatasetRecord } from "../../client";

interface Message {
  role: string;
  content: string;
  weight?: number;
}

function messagesOf(record: Record<string, unknown>): Message[] | null {
  const raw = record.messages;
  if (!Array.isArray(raw)) return null;
  return raw.map((m: unknown) => {
    const msg = (typeof m === "object" && m !== null ? m : {}) as Record<string, unknown>;
    return {
      role: typeof msg.role === "string" ? msg.role : "?",
      content: typeof msg.content === "string" ? msg.content : JSON.stringify(msg.content),
      weight: typeof msg.weight === "number" ? msg.weight : undefined,
    };
  });
}

/** One dataset record shown as the conversation it is: role, then content; `actions` go in its header. */
export function Conversation({ item, actions }: { item: DatasetRecord; actions?: ReactNode }) {
  const messages = messagesOf(item.record);
  return (
    <article className="record" data-testid="dataset-record">
      <header className="record__header">
        <span>#{item.index + 1}</span>
        {actions && <span className="record__actions">{actions}</span>}
      </header>
      {messages ? (
        messages.map((m, i) => (
          <div key={i} className={`message message--${m.role}`}>
            <span className="message__role">
              {m.role}
              {m.weight === 0 && <span className="muted"> (not trained)</span>}
            </span>
            <div className="message__content">{m.content}</div>
          </div>
        ))
      ) : (
        <pre className="record__raw">{JSON.stringify(item.record, null, 2)}</pre>
      )}
    </article>
  );
}
