import { useState, type FormEvent } from "react";
import { useLogin } from "../../api/auth";
import { ErrorBox } from "../../components/ErrorBox";

/** Shown in place of any page while the server answers 401; signing in brings that page back. */
export function LoginPage() {
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
  };

  return (
    <div className="login">
      <form className="card login__card" onSubmit={submit} aria-label="Sign in" data-testid="login-form">
        <div className="brand brand--dark">
          <span className="brand__mark" aria-hidden>
            ◆
          </span>
          Tunewright
        </div>
        <h1>Sign in</h1>
        <label className="field">
          <span className="field__label">Email</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="login-email"
          />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="login-password"
          />
        </label>
        <ErrorBox error={login.error} testId="login-error" />
        <button className="button button--primary" type="submit" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? "Signing in…" : "Sign in"}
        </button>
        <p className="muted field__help">
          First time? <code>make up</code> printed the admin&apos;s email and password once (or uses{" "}
          <code>TUNEWRIGHT_ADMIN_EMAIL</code> / <code>TUNEWRIGHT_ADMIN_PASSWORD</code>). Other accounts are created by an
          admin.
        </p>
      </form>
    </div>
  );
}
