import { useHealth } from "../api/health";

/** A small line in the sidebar: is the server up, and can it reach its database and queue? */
export function HealthIndicator() {
  const health = useHealth();
  let tone = "ok";
  let text = "Server ready";
  let title: string | undefined;
  if (health.isPending) {
    tone = "unknown";
    text = "Connecting…";
  } else if (health.isError) {
    tone = "down";
    text = "Server unreachable";
    title = "The API does not answer; check that Tunewright is running.";
  } else if (!health.data.database || !health.data.broker) {
    tone = "degraded";
    text = !health.data.broker ? "Queue offline" : "Database offline";
    title = !health.data.broker ? "Redis is not reachable: new runs cannot start and live updates are slower." : "The database does not answer.";
  }
  return (
    <p className={`health health--${tone}`} title={title} role="status">
      <span className="health__dot" aria-hidden />
      {text}
      {health.data?.version && (
        <span className="health__version">{/^\d/.test(health.data.version) ? `v${health.data.version}` : health.data.version}</span>
      )}
    </p>
  );
}
