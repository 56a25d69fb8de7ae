import type { ApiKey } from "../../client";
import { formatDate } from "../../lib/format";

/** Keys by prefix and use; never their secrets (the server keeps only hashes). */
export function KeyTable({ keys, onRevoke, revoking }: { keys: ApiKey[]; onRevoke: (id: string) => void; revoking: boolean }) {
  return (
    <table className="table" data-testid="key-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Key</th>
          <th>Created</th>
          <th>Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k.id} data-testid="key-row" data-prefix={k.prefix}>
            <td>{k.name || <span className="muted">unnamed</span>}</td>
            <td>
              <code>tw_{k.prefix}_…</code>
            </td>
            <td className="nowrap">{formatDate(k.created_at)}</td>
            <td className="nowrap" data-testid="key-last-used">
              {k.last_used_at ? formatDate(k.last_used_at) : <span className="muted">never</span>}
            </td>
            <td className="num">
              {k.revoked_at ? (
                <span className="badge badge--cancelled" data-testid="key-revoked">
                  revoked
                </span>
              ) : (
                <button
                  className="button button--small button--danger"
                  disabled={revoking}
                  onClick={() => {
                    if (window.confirm(`Revoke ${k.name || `tw_${k.prefix}`}? Requests with it will be refused.`)) onRevoke(k.id);
                  }}
                  data-testid="key-revoke"
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
