import { memo, useEffect, useRef } from "react";
import type { LogLine } from "../../lib/runEvents";
import { formatTime } from "../../lib/format";

/** Log lines and status changes, newest at the bottom; follows new lines unless the user scrolled up. */
export const EventLog = memo(function EventLog({ lines, live }: { lines: LogLine[]; live: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const onScroll = () => {
    const el = box.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };

  return (
    <section className="card">
      <h2>Event log {live && <span className="live-dot" title="live" />}</h2>
      <div className="event-log" data-testid="event-log" ref={box} onScroll={onScroll} role="log" aria-live="polite">
        {lines.length === 0 && <p className="muted">No events yet. Status changes and log lines appear here as the run goes.</p>}
        {lines.map((line) => (
          <div key={line.id} className={`event-log__line event-log__line--${line.kind} level--${line.level}`} data-testid="event-log-line">
            <time className="event-log__time">{formatTime(line.time)}</time>
            <span className="event-log__text">{line.text}</span>
          </div>
        ))}
      </div>
    </section>
  );
});
