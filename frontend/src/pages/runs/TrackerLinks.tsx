import type { Run } from "../../client";

/** Where the run is mirrored in MLflow / W&B: a link when the tracker has a web page, else where to find it. */
export function TrackerLinks({ run }: { run: Run }) {
  const trackers = run.trackers ?? [];
  if (!trackers.length) return null;
  return (
    <p className="run-trackers" data-testid="run-trackers">
      Tracked in{" "}
      {trackers.map((t, i) => (
        <span key={t.name} data-testid={`run-tracker-${t.name === "W&B" ? "wandb" : "mlflow"}`}>
          {i > 0 && " · "}
          {t.url ? (
            <a href={t.url} target="_blank" rel="noopener noreferrer">
              {t.name} ↗
            </a>
          ) : (
            <>
              {t.name}: <code title="This tracker run has no web page the browser can open.">{t.where}</code>
            </>
          )}
        </span>
      ))}
    </p>
  );
}
