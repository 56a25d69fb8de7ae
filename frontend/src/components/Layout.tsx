import { Link, Outlet } from "@tanstack/react-router";
import { useUnauthorized } from "../api/session";
import { HealthIndicator } from "./HealthIndicator";

const NAV = [
  { to: "/datasets", label: "Datasets", testId: "nav-datasets" },
  { to: "/runs", label: "Runs", testId: "nav-runs" },
  { to: "/checkpoints", label: "Checkpoints", testId: "nav-checkpoints" },
  { to: "/evaluations", label: "Evaluations", testId: "nav-evaluations" },
  { to: "/comparisons", label: "Side by side", testId: "nav-comparisons" },
  { to: "/models", label: "Models", testId: "nav-models" },
  { to: "/playground", label: "Playground", testId: "nav-playground" },
  { to: "/admin/queue", label: "Queue (admin)", testId: "nav-admin-queue" },
] as const;

export function Layout() {
  const unauthorized = useUnauthorized();
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand__mark" aria-hidden>
            ◆
          </span>
          Tunewright
        </div>
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <Link to={item.to} data-testid={item.testId} className="nav-link" activeProps={{ className: "nav-link active" }}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
        <HealthIndicator />
      </nav>
      <main className="content">
        {unauthorized && (
          <div className="error-box" role="alert">
            The server asked for credentials (HTTP 401). Sign in again or configure an API key, then reload the page.
          </div>
        )}
        <Outlet />
      </main>
    </div>
  );
}
