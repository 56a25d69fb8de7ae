import type { DatasetFormats } from "../../client";

/** The "Formats" disclosure: every format the server reads, what it becomes, its fields and one example record. */
export function FormatsHelp({ formats }: { formats: DatasetFormats | undefined }) {
  return (
    <details className="format-help" data-testid="dataset-formats-help">
      <summary>Formats</summary>
      {!formats ? (
        <p className="muted">Loading the list of formats…</p>
      ) : (
        <>
          <p className="muted">
            Files: {formats.file_types}. Encodings: {formats.encodings.join(", ")}.
          </p>
          {formats.items.map((f) => (
            <section key={f.name} className="format-help__item" data-testid="dataset-format-help-item">
              <h4>
                {f.title} <span className="muted">({f.name} → {f.kind}; choose &ldquo;{f.override}&rdquo; to force it)</span>
              </h4>
              <div>{f.description}</div>
              {f.fields.length > 0 && (
                <div className="muted">
                  Fields: {f.fields.map((field, i) => (
                    <span key={field}>
                      {i > 0 && ", "}
                      <code>{field}</code>
                    </span>
                  ))}
                </div>
              )}
              <pre>{JSON.stringify(f.example, null, 2)}</pre>
            </section>
          ))}
        </>
      )}
    </details>
  );
}
