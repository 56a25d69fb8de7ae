import { useState, type FormEvent } from "react";
import { useAudit } from "../../api/auth";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { LoadMore } from "../../components/LoadMore";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/format";

const ACTIONS = ["", "auth.", "auth.login", "auth.login_failed", "auth.logout", "api_key.", "user.", "user.role_changed", "user.disabled", "service_account.created"];

export function AuditPage() {
  const [actorInput, setActorInput] = useState("");
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  const audit = useAudit(actor, action);
  const events = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const applyActor = (e: FormEvent) => {
    e.preventDefault();
    setActor(actorInput.trim());
  };

  return (
    <>
      <PageHeader title="Audit log" subtitle="Sign-ins, keys, roles and other sensitive actions, newest first." />
      <form className="card input-with-action" onSubmit={applyActor} aria-label="Filter the audit log">
        <input
          aria-label="Actor"
          placeholder="Actor email or user id"
          value={actorInput}
          onChange={(e) => setActorInput(e.target.value)}
          data-testid="audit-actor"
        />
        <select aria-label="Action" value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action">
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a === "" ? "every action" : a.endsWith(".") ? `${a}*` : a}
            </option>
          ))}
        </select>
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      <ErrorBox error={audit.error} />
      {audit.isPending ? (
        <Loading />
      ) : events.length === 0 ? (
        <EmptyState title="No events match">Clear the filters to see every event.</EmptyState>
      ) : (
        <section className="card card--flush">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Detail</th>
                <th>Address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td className="nowrap">{formatDate(e.at)}</td>
                  <td>{e.actor_email ?? <span className="muted">—</span>}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="muted">{e.target_type ? `${e.target_type} ${e.target_id ?? ""}` : "—"}</td>
                  <td className="muted">
                    {Object.entries(e.detail)
                      .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
                      .join(", ")}
                  </td>
                  <td className="muted">{e.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore query={audit} />
        </section>
      )}
    </>
  );
}
