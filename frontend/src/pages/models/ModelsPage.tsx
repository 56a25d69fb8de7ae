import { useModels } from "../../api/models";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";

function formatParams(n: number | null): string {
  if (!n) return "—";
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}K`;
  return String(n);
}

export function ModelsPage() {
  const models = useModels();
  return (
    <>
      <PageHeader title="Models" subtitle="The catalog of models you can fine-tune. Small data: prefer a chat variant with LoRA." />
      {models.isPending && <Loading what="Loading the model catalog" />}
      {models.isError && <ErrorBox error={models.error} title="Could not load the model catalog." />}
      {models.data &&
        (models.data.length ? (
          <div className="card card--flush">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Family</th>
                  <th>Variant</th>
                  <th className="num">Parameters</th>
                  <th className="num">Context</th>
                  <th>Available</th>
                  <th>Description</th>
                </tr>
              </thead>
              <tbody>
                {models.data.map((m) => (
                  <tr key={m.id} data-testid="model-row">
                    <td className="nowrap">
                      <strong>{m.name}</strong>
                    </td>
                    <td>{m.family}</td>
                    <td>
                      <span className={`tag tag--${m.variant}`}>{m.variant}</span>
                    </td>
                    <td className="num">{formatParams(m.parameter_count)}</td>
                    <td className="num">{m.context_length?.toLocaleString() ?? "—"}</td>
                    <td>{m.available ? <span className="ok">yes</span> : <span className="muted" title="Run `make up` to generate local models.">no</span>}</td>
                    <td className="muted">{m.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <EmptyState title="The catalog is empty">Seed it with <code>python -m backend.cli up</code> (or <code>make up</code>).</EmptyState>
        ))}
    </>
  );
}
