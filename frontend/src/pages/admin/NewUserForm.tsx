import { useState, type FormEvent } from "react";
import { useCreateUser } from "../../api/auth";
import type { Role } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { ROLES } from "../../lib/roles";

export function NewUserForm() {
  const create = useCreateUser();
  const [service, setService] = useState(false);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("analyst");
  const [password, setPassword] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { email, name, role, is_service_account: service, password: service ? null : password || null },
      {
        onSuccess: () => {
          setEmail("");
          setName("");
          setPassword("");
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} aria-label="New user">
      <h2>New {service ? "service account" : "user"}</h2>
      <div className="form__grid">
        <label className="field">
          <span className="field__label">Kind</span>
          <select value={service ? "service" : "person"} onChange={(e) => setService(e.target.value === "service")} data-testid="new-user-kind">
            <option value="person">person (signs in with a password)</option>
            <option value="service">service account (API keys only)</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{service ? "Identifier" : "Email"}</span>
          <input required value={email} onChange={(e) => setEmail(e.target.value)} placeholder={service ? "nightly-ci" : "ada@example.com"} data-testid="new-user-email" />
        </label>
        <label className="field">
          <span className="field__label">Name</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="new-user-name" />
        </label>
        <label className="field">
          <span className="field__label">Role</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        {!service && (
          <label className="field">
            <span className="field__label">Initial password</span>
            <input
              type="password"
              autoComplete="new-password"
              minLength={10}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="new-user-password"
            />
            <p className="field__help">At least 10 characters; tell them through a safe channel.</p>
          </label>
        )}
      </div>
      <ErrorBox error={create.error} />
      <div className="form__actions">
        <button className="button button--primary" type="submit" disabled={create.isPending} data-testid="new-user-submit">
          Create
        </button>
      </div>
    </form>
  );
}
