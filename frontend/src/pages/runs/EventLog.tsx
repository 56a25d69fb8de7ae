import { Link } from "@tanstack/react-router";
import { memo, useEffect, useRef } from "react";
import type { LogLine } from "../../lib/runEvents";
import { formatTime } from "../../lib/format";
import type { LossOn } from "../../lib/maskPreview";

/** Where a line about a dataset record links to: that record's loss-mask preview with the run's model. */
export interface RecordLinkTarget {
  datasetId: string;
  model: string;
  lossOn: LossOn;
}

interface EventLogProps {
  lines: LogLine[];
  live: boolean;
  /** Lines that name a record (validation failures) link to its preview when given. */
  recordLink?: RecordLinkTarget | null;
}

/** Log lines and status changes, newest at the bottom; follows new lines unless the user scrolled up. */
export const EventLog = memo(function EventLog({ lines, live, recordLink }: EventLogProps) {
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
            <span className="event-log__text">
              {line.text}
              {recordLink && line.record !== undefined && (
                <>
                  {" "}
                  <Link
                    className="event-log__link"
                    data-testid="event-log-record-link"
                    to="/datasets/$datasetId/records/$index/mask"
                    params={{ datasetId: recordLink.datasetId, index: String(line.record) }}
                    search={{ model: recordLink.model, loss_on: recordLink.lossOn }}
                    title={`Record #${line.record + 1} (index ${line.record}) rendered with ${recordLink.model}'s chat template`}
                  >
                    show loss mask
                  </Link>
                </>
              )}
            </span>
          </div>
        ))}
      </div>
    </section>
  );
});
