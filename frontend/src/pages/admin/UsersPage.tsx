import { useState } from "react";
import { useMe, useUpdateUser, useUsers } from "../../api/auth";
import type { Role, User } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/format";
import { ROLES } from "../../lib/roles";
import { NewUserForm } from "./NewUserForm";
import { ServiceAccountKeys } from "./ServiceAccountKeys";

function UserRow({ user, isMe, onKeys }: { user: User; isMe: boolean; onKeys: () => void }) {
  const update = useUpdateUser();
  return (
    <>
      <tr data-testid="user-row" data-email={user.email}>
        <td>
          <strong>{user.name}</strong>
          {isMe && <span className="muted"> (you)</span>}
          <div className="muted">{user.email}</div>
        </td>
        <td>{user.is_service_account ? <span className="badge">service account</span> : "person"}</td>
        <td>
          <select
            aria-label={`Role of ${user.email}`}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ userId: user.id, role: e.target.value as Role })}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.value}
              </option>
            ))}
          </select>
        </td>
        <td className="nowrap">{user.is_service_account ? "—" : formatDate(user.last_login_at)}</td>
        <td className="num nowrap">
          {user.is_service_account && (
            <button className="button button--small" onClick={onKeys} data-testid="user-keys">
              Keys
            </button>
          )}{" "}
          <button
            className={`button button--small${user.disabled ? "" : " button--danger"}`}
            disabled={update.isPending}
            onClick={() => update.mutate({ userId: user.id, disabled: !user.disabled })}
            data-testid="user-toggle-disabled"
          >
            {user.disabled ? "Enable" : "Disable"}
          </button>
        </td>
      </tr>
      {update.error != null && (
        <tr>
          <td colSpan={5}>
            <ErrorBox error={update.error} testId="user-error" />
          </td>
        </tr>
      )}
    </>
  );
}

export function UsersPage() {
  const users = useUsers();
  const me = useMe();
  const [keysOf, setKeysOf] = useState<User | null>(null);
  return (
    <>
      <PageHeader title="Users" subtitle="People sign in with a password; service accounts use API keys. Disabling signs an account out everywhere." />
      <section className="card">
        <NewUserForm />
      </section>
      <ErrorBox error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        users.data && (
          <section className="card card--flush">
            <table className="table" data-testid="user-table">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Kind</th>
                  <th>Role</th>
                  <th>Last sign-in</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => (
                  <UserRow key={u.id} user={u} isMe={u.id === me.data?.user.id} onKeys={() => setKeysOf(u)} />
                ))}
              </tbody>
            </table>
          </section>
        )
      )}
      {keysOf && <ServiceAccountKeys user={keysOf} onClose={() => setKeysOf(null)} />}
    </>
  );
}
