import { useDeleteFamily, useModelFamilies, useRetireFamily, useUpdateFamily } from "../../api/adminModels";
import type { ModelFamily } from "../../client";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { TRUST_REMOTE_CODE_WARNING } from "../../lib/adminModels";
import { formatParams } from "../../lib/format";
import { AddFamilyForm } from "./AddFamilyForm";

function FamilyAdminCard({ family }: { family: ModelFamily }) {
  const retire = useRetireFamily();
  const remove = useDeleteFamily();
  const update = useUpdateFamily();
  const used = Object.entries(family.usage)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  const failure = retire.error ?? remove.error ?? update.error;
  return (
    <section className="card card--flush" data-testid="admin-family" data-family={family.name}>
      <div className="card__title family__title">
        <h2>
          {family.name} {family.builtin && <span className="badge">built in</span>}{" "}
          {family.retired_at && <span className="badge badge--cancelled" data-testid="family-retired">retired</span>}{" "}
          {family.trust_remote_code && <span className="badge badge--failed">remote code</span>}
        </h2>
        <p className="muted">
          {family.license} · {family.description || "no description"} · {used.length ? `used by ${used.join(", ")}` : "unused"}
        </p>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Model</th>
            <th>Source</th>
            <th className="num">Parameters</th>
            <th>Allowed</th>
            <th>Available</th>
          </tr>
        </thead>
        <tbody>
          {family.variants.map((v) => (
            <tr key={v.name}>
              <td className="nowrap">
                <strong>{v.name}</strong> <span className={`badge badge--variant-${v.variant}`}>{v.variant}</span>
              </td>
              <td>
                <code>{v.source}</code>
              </td>
              <td className="num">{formatParams(v.parameter_count)}</td>
              <td>{v.source_allowed ? <span className="ok">yes</span> : <span className="danger">no — not on the allow-list</span>}</td>
              <td>{v.available ? "yes" : "no"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card__body family__actions">
        <label className="checkbox" title={TRUST_REMOTE_CODE_WARNING}>
          <input
            type="checkbox"
            data-testid="family-trust-toggle"
            checked={family.trust_remote_code}
            disabled={family.builtin || update.isPending}
            onChange={(e) => update.mutate({ family: family.name, body: { trust_remote_code: e.target.checked } })}
          />{" "}
          Trust remote code
        </label>
        <button
          type="button"
          className="button button--small"
          data-testid="family-retire"
          disabled={retire.isPending}
          onClick={() => retire.mutate({ family: family.name, retire: !family.retired_at })}
        >
          {family.retired_at ? "Restore" : "Retire"}
        </button>
        {!family.builtin && (
          <button
            type="button"
            className="button button--small button--danger"
            data-testid="family-delete"
            disabled={remove.isPending}
            onClick={() => remove.mutate(family.name)}
          >
            Delete
          </button>
        )}
      </div>
      {family.trust_remote_code && (
        <p className="notice card__body" role="note">
          {TRUST_REMOTE_CODE_WARNING}
        </p>
      )}
      {failure && (
        <div className="card__body">
          <ErrorBox error={failure} testId="family-error" />
        </div>
      )}
    </section>
  );
}

export function ModelCatalogPage() {
  const families = useModelFamilies();
  return (
    <>
      <PageHeader
        title="Model catalog"
        subtitle="Admin: the families users fine-tune. Retired families are hidden from new runs; runs already trained on them keep working."
      />
      <AddFamilyForm />
      {families.isPending && <Loading what="Loading the catalog" />}
      {families.isError && <ErrorBox error={families.error} title="Could not load the catalog." />}
      {families.data &&
        (families.data.length ? (
          families.data.map((f) => <FamilyAdminCard key={f.name} family={f} />)
        ) : (
          <EmptyState title="No families yet">Add one above.</EmptyState>
        ))}
    </>
  );
}
