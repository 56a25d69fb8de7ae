import { useModels } from "../../api/models";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatParams } from "../../lib/format";
import { groupByFamily, type FamilyGroup } from "../../lib/models";

function FamilyCard({ group }: { group: FamilyGroup }) {
  const both = group.variants.length > 1;
  return (
    <section className="card card--flush" data-testid="model-family" data-family={group.family}>
      <div className="card__title family__title">
        <h2>
          {group.family}{" "}
          {group.variants.map((v) => (
            <span key={v} className={`badge badge--variant-${v}`}>
              {v}
            </span>
          ))}
        </h2>
        <p className="muted">
          {both ? (
            <>
              Start a run with the family name <code>{group.family}</code> and the server picks the chat variant for
              little data, the base variant for much data when full fine-tuning fits.
            </>
          ) : (
            <>
              Only the {group.variants[0]} variant is in the catalog; <code>{group.family}</code> as a run's model means{" "}
              <code>{group.models[0]?.name}</code>.
            </>
          )}
        </p>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Variant</th>
            <th className="num">Parameters</th>
            <th className="num">Context</th>
            <th>License</th>
            <th>Available</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {group.models.map((m) => (
            <tr key={m.id} data-testid="model-row">
              <td className="nowrap">
                <strong>{m.name}</strong>
              </td>
              <td>
                <span className={`badge badge--variant-${m.variant}`} data-testid="model-variant">
                  {m.variant}
                </span>
              </td>
              <td className="num">{formatParams(m.parameter_count)}</td>
              <td className="num">{m.context_length?.toLocaleString() ?? "—"}</td>
              <td>{m.license}</td>
              <td>{m.available ? <span className="ok">yes</span> : <span className="muted" title="Run `make up` to generate local models.">no</span>}</td>
              <td className="muted">{m.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ModelsPage() {
  const models = useModels();
  return (
    <>
      <PageHeader
        title="Models"
        subtitle="The catalog of models you can fine-tune, by family. Little data: prefer a chat variant with LoRA, or give the family name and let the server choose."
      />
      {models.isPending && <Loading what="Loading the model catalog" />}
      {models.isError && <ErrorBox error={models.error} title="Could not load the model catalog." />}
      {models.data &&
        (models.data.length ? (
          groupByFamily(models.data).map((g) => <FamilyCard key={g.family} group={g} />)
        ) : (
          <EmptyState title="The catalog is empty">Seed it with <code>python -m backend.cli up</code> (or <code>make up</code>).</EmptyState>
        ))}
    </>
  );
}
