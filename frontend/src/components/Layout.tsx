import { Link, Outlet } from "@tanstack/react-router";
import { Suspense } from "react";
import { useLogout, useMe } from "../api/auth";
import { asApiError } from "../api/errors";
import { useUnauthorized } from "../api/session";
import { LoginPage } from "../pages/account/LoginPage";
import { HealthIndicator } from "./HealthIndicator";
import { Loading } from "./Loading";
import { ProjectSwitcher } from "./ProjectSwitcher";

const NAV = [
  { to: "/datasets", label: "Datasets", testId: "nav-datasets" },
  { to: "/mixtures", label: "Mixtures", testId: "nav-mixtures" },
  { to: "/runs", label: "Runs", testId: "nav-runs" },
  { to: "/checkpoints", label: "Checkpoints", testId: "nav-checkpoints" },
  { to: "/evaluations", label: "Evaluations", testId: "nav-evaluations" },
  { to: "/comparisons", label: "Side by side", testId: "nav-comparisons" },
  { to: "/models", label: "Models", testId: "nav-models" },
  { to: "/playground", label: "Playground", testId: "nav-playground" },
  { to: "/projects", label: "Projects", testId: "nav-projects" },
  { to: "/keys", label: "API keys", testId: "nav-keys" },
] as const;

const ADMIN_NAV = [
  { to: "/admin/queue", label: "GPU queue", testId: "nav-admin-queue" },
  { to: "/admin/users", label: "Users", testId: "nav-admin-users" },
  { to: "/admin/models", label: "Model catalog", testId: "nav-admin-models" },
  { to: "/admin/model-sources", label: "Model sources", testId: "nav-admin-model-sources" },
  { to: "/admin/audit", label: "Audit log", testId: "nav-admin-audit" },
] as const;

function NavLinks({ items }: { items: readonly { to: string; label: string; testId: string }[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.to}>
          <Link to={item.to} data-testid={item.testId} className="nav-link" activeProps={{ className: "nav-link active" }}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Account() {
  const me = useMe();
  const logout = useLogout();
  if (!me.data) return null;
  return (
    <div className="account" data-testid="account">
      <span className="account__email" title={me.data.user.email}>
        {me.data.user.name}
      </span>
      <span className="badge" data-testid="account-role">
        {me.data.role}
      </span>
      {me.data.csrf_token && (
        <button className="button button--small" onClick={() => logout.mutate()} disabled={logout.isPending} data-testid="logout">
          Sign out
        </button>
      )}
    </div>
  );
}

export function Layout() {
  const unauthorized = useUnauthorized();
  const me = useMe();
  // The sign-in page replaces the app whenever the server says 401 (expired session, revoked access).
  if (unauthorized || (me.isError && asApiError(me.error).status === 401)) return <LoginPage />;
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand__mark" aria-hidden>
            ◆
          </span>
          Tunewright
        </div>
        <ProjectSwitcher />
        <NavLinks items={NAV} />
        {me.data?.role === "admin" && (
          <>
            <p className="sidebar__section">Admin</p>
            <NavLinks items={ADMIN_NAV} />
          </>
        )}
        <Account />
        <HealthIndicator />
      </nav>
      <main className="content">
        <Suspense fallback={<Loading what="Loading the page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
