import type { ReactNode } from "react";
import type { DatasetRecord } from "../../client";
import { recordView, type DatasetKind, type Message } from "../../lib/records";

/** Messages in order: role, then content; assistant tool calls and tool results shown readably. */
export function Messages({ messages }: { messages: readonly Message[] }) {
  return (
    <>
      {messages.map((m, i) => (
        <div key={i} className={`message message--${m.role}`}>
          <span className="message__role">
            {m.role}
            {m.role === "tool" && m.name && <span className="muted"> · {m.name}</span>}
            {m.weight === 0 && <span className="muted"> (not trained)</span>}
          </span>
          <div className="message__body">
            {m.toolCallId && <div className="muted message__meta">result of call {m.toolCallId}</div>}
            {(m.content || !m.toolCalls.length) && <div className="message__content">{m.content}</div>}
            {m.toolCalls.map((call, j) => (
              <div key={j} className="tool-call" data-testid="tool-call">
                <span className="tool-call__name">
                  calls <code>{call.name}</code>
                  {call.id && <span className="muted"> ({call.id})</span>}
                </span>
                <pre className="tool-call__args">{call.arguments}</pre>
              </div>
            ))}
          </div>
        </div>
      ))}
    </>
  );
}

/**
 * One dataset record shown as what it is: a conversation, a preference pair (prompt, then chosen beside rejected),
 * a conversation labelled good or bad (KTO), or text with where it came from. `actions` go in its header.
 */
export function RecordCard({ item, kind, actions }: { item: DatasetRecord; kind?: DatasetKind; actions?: ReactNode }) {
  const view = recordView(kind, item.record);
  return (
    <article className={`record record--${view.kind}`} data-testid="dataset-record" data-kind={view.kind}>
      <header className="record__header">
        <span>
          #{item.index + 1}
          {view.kind === "kto" && (
            <span className={`badge badge--label-${view.label ? "good" : "bad"}`} data-testid="kto-label">
              {view.label ? "good" : "bad"}
            </span>
          )}
          {view.kind === "text" && (view.source || view.section) && (
            <span className="record__source">
              {view.source}
              {view.source && view.section && " · "}
              {view.section}
            </span>
          )}
        </span>
        {actions && <span className="record__actions">{actions}</span>}
      </header>
      {view.kind === "messages" && (
        <>
          {view.tools.length > 0 && (
            <p className="record__tools muted">
              Tools: {view.tools.map((t, i) => (
                <code key={i}>{t}</code>
              ))}
            </p>
          )}
          <Messages messages={view.messages} />
        </>
      )}
      {view.kind === "kto" && <Messages messages={view.messages} />}
      {view.kind === "multiple_choice" && (
        <div data-testid="mc-record">
          <p className="muted">{view.subject}</p>
          <p>{view.question}</p>
          <ol type="A">
            {view.choices.map((choice, i) => (
              <li key={i} data-correct={i === view.answerIndex}>
                {i === view.answerIndex ? <strong>{choice} ✓</strong> : choice}
              </li>
            ))}
          </ol>
        </div>
      )}
      {view.kind === "preference" && (
        <div data-testid="preference-record">
          <Messages messages={view.prompt} />
          <div className="preference">
            <section className="preference__side preference__side--chosen" data-testid="preference-chosen">
              <h4>Chosen</h4>
              <Messages messages={view.chosen} />
            </section>
            <section className="preference__side preference__side--rejected" data-testid="preference-rejected">
              <h4>Rejected</h4>
              <Messages messages={view.rejected} />
            </section>
          </div>
        </div>
      )}
      {view.kind === "text" && (
        <div className="record__text" data-testid="text-record">
          {view.text}
        </div>
      )}
      {view.kind === "raw" && <pre className="record__raw">{JSON.stringify(item.record, null, 2)}</pre>}
    </article>
  );
}
