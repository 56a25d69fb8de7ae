import { useState, type FormEvent } from "react";
import { useAddSource, useDeleteSource, useModelSources } from "../../api/adminModels";
import { asApiError } from "../../api/errors";
import type { SourceCreate } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatDate } from "../../lib/format";
import { FormField } from "../runs/FormField";

function AddSourceForm() {
  const [kind, setKind] = useState<SourceCreate["kind"]>("local");
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  const add = useAddSource();
  const error = add.error ? asApiError(add.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ kind, value: value.trim(), note: note.trim() }, { onSuccess: () => setValue("") });
  }

  return (
    <form className="card" onSubmit={submit} aria-label="Add a model source">
      <h2>Allow a source</h2>
      <div className="source-form">
        <FormField label="Kind" htmlFor="source-kind">
          <select id="source-kind" data-testid="source-kind" value={kind} onChange={(e) => setKind(e.target.value as SourceCreate["kind"])}>
            <option value="local">Local root folder</option>
            <option value="hub">Hub id pattern</option>
          </select>
        </FormField>
        <FormField
          label={kind === "local" ? "Folder" : "Pattern"}
          help={kind === "local" ? "Absolute path; models anywhere below it may be added." : "e.g. Qwen/* or meta-llama/Llama-3.1-8B*"}
          error={error?.field === "value" ? error.detail : undefined}
          htmlFor="source-value"
        >
          <input id="source-value" data-testid="source-value" value={value} onChange={(e) => setValue(e.target.value)} />
        </FormField>
        <FormField label="Note" htmlFor="source-note">
          <input id="source-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </FormField>
        <button type="submit" className="button button--primary" disabled={!value.trim() || add.isPending} data-testid="source-submit">
          Allow
        </button>
      </div>
      {error && error.field !== "value" && <ErrorBox error={add.error} />}
    </form>
  );
}

export function ModelSourcesPage() {
  const sources = useModelSources();
  const remove = useDeleteSource();
  return (
    <>
      <PageHeader
        title="Model sources"
        subtitle="Admin: where catalog models may come from. Removing an entry stops new runs, evaluations, exports and serving of models from it."
      />
      <AddSourceForm />
      {sources.isPending && <Loading what="Loading the allow-list" />}
      {sources.isError && <ErrorBox error={sources.error} title="Could not load the allow-list." />}
      {remove.error && <ErrorBox error={remove.error} />}
      {sources.data && (
        <section className="card card--flush">
          <table className="table" data-testid="model-sources">
            <thead>
              <tr>
                <th>Kind</th>
                <th>Value</th>
                <th>Note</th>
                <th>Added</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {sources.data.map((s) => (
                <tr key={s.id} data-testid="model-source">
                  <td>{s.kind === "local" ? "folder" : "hub"}</td>
                  <td>
                    <code>{s.value}</code>
                  </td>
                  <td className="muted">{s.note}</td>
                  <td className="nowrap">{formatDate(s.created_at)}</td>
                  <td>
                    <button type="button" className="button button--small button--danger" onClick={() => remove.mutate(s.id)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!sources.data.length && <p className="card__body muted">Nothing is allowed: no model can be added or used.</p>}
        </section>
      )}
    </>
  );
}
