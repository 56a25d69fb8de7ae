import { useState, type FormEvent } from "react";
import type { ApiKeyCreated } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";

interface NewKeyFormProps {
  create: (name: string) => Promise<ApiKeyCreated>;
  pending: boolean;
  error: unknown;
}

/** Name a key, create it, and see the whole key this one time, with a copy button. */
export function NewKeyForm({ create, pending, error }: NewKeyFormProps) {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCopied(false);
    setCreated(await create(name));
    setName("");
  };

  return (
    <>
      <form className="input-with-action" onSubmit={(e) => void submit(e).catch(() => undefined)}>
        <input
          aria-label="Key name"
          placeholder="What is it for? e.g. nightly CI"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          data-testid="key-name"
        />
        <button className="button button--primary" type="submit" disabled={pending} data-testid="key-create">
          Create key
        </button>
      </form>
      <ErrorBox error={error} />
      {created && (
        <div className="notice" role="status" data-testid="key-created">
          <p>
            <strong>Copy this key now.</strong> It is shown only once; Tunewright keeps only its hash.
          </p>
          <div className="input-with-action">
            <code className="secret" data-testid="key-secret">
              {created.key}
            </code>
            <button
              className="button button--small"
              type="button"
              onClick={() => void navigator.clipboard?.writeText(created.key).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
            <button className="button button--small" type="button" onClick={() => setCreated(null)} data-testid="key-dismiss">
              Done
            </button>
          </div>
        </div>
      )}
    </>
  );
}
