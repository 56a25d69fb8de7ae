import type { Dataset } from "../client";

/** The dataset kinds an evaluation can score (prompt sets are for people to rate). */
export const SCORED_KINDS: ReadonlySet<string> = new Set(["multiple_choice", "messages", "text"]);

interface DatasetChecksProps {
  name: string;
  datasets: Dataset[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}

/** A checkbox per dataset, in the order given; `chosen` keeps the order they were ticked in. */
export function DatasetChecks({ name, datasets, chosen, onChange }: DatasetChecksProps) {
  return (
    <div className="checks" data-testid={`${name}-checks`}>
      {datasets.map((d) => (
        <label key={d.id} className="check">
          <input
            type="checkbox"
            name={name}
            value={d.id}
            checked={chosen.includes(d.id)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, d.id] : chosen.filter((id) => id !== d.id))}
          />{" "}
          {d.name} <span className="muted">({d.format}, {d.record_count.toLocaleString()})</span>
        </label>
      ))}
    </div>
  );
}
