import { memo } from "react";
import type { Run } from "../../client";
import { decisionsOf, resolvedHyperparameters } from "../../lib/runView";

/** Why each 'auto' setting got its value, and the settings the engine actually runs with. */
export const Decisions = memo(function Decisions({ run }: { run: Run }) {
  const decisions = decisionsOf(run);
  const settings = resolvedHyperparameters(run);
  return (
    <section className="card">
      <h2>Settings and why</h2>
      <ul className="decisions" data-testid="run-decisions">
        {decisions.length ? (
          decisions.map((d, i) => (
            <li key={i} className={d.startsWith("warning") ? "decision decision--warning" : "decision"}>
              {d}
            </li>
          ))
        ) : (
          <li className="muted">Every setting was given explicitly; nothing was decided automatically.</li>
        )}
      </ul>
      {settings.length > 0 && (
        <details className="settings">
          <summary>All resolved hyperparameters</summary>
          <dl className="settings__list">
            {settings.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
});
