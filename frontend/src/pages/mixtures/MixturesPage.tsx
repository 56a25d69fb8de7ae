import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import type { MixtureCreate } from "../../client";
import { useDatasets } from "../../api/datasets";
import { useCreateMixture, useMixturePreview, useMixtures } from "../../api/mixtures";
import { useVersions } from "../../api/versions";
import { ErrorBox } from "../../components/ErrorBox";
import { PageHeader } from "../../components/PageHeader";

interface Row {
  datasetId: string;
  versionId: string;
  amount: string;
  by: "ratio" | "target_tokens";
  sampling: "down" | "up";
}

const emptyRow: Row = { datasetId: "", versionId: "", amount: "1", by: "ratio", sampling: "down" };

function SourceRow({ row, onChange, onRemove }: { row: Row; onChange: (row: Row) => void; onRemove: () => void }) {
  const datasets = useDatasets();
  const versions = useVersions(row.datasetId);
  const ready = versions.data?.filter((v) => v.status === "succeeded") ?? [];
  const defaultVersion = ready.find((v) => v.role !== "eval")?.id ?? "";
  // A chosen dataset starts at the version a run would train on.
  useEffect(() => {
    if (row.datasetId && !row.versionId && defaultVersion) onChange({ ...row, versionId: defaultVersion });
  }, [row, defaultVersion, onChange]);
  return (
    <div className="report-form" data-testid="mixture-source">
      <select value={row.datasetId} onChange={(e) => onChange({ ...row, datasetId: e.target.value, versionId: "" })} data-testid="mixture-dataset">
        <option value="">— dataset —</option>
        {datasets.data?.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <select value={row.versionId} onChange={(e) => onChange({ ...row, versionId: e.target.value })} data-testid="mixture-version">
        {ready.map((v) => (
          <option key={v.id} value={v.id}>
            v{v.number} ({v.operation}
            {v.role ? ` ${v.role}` : ""}, {v.record_count} records)
          </option>
        ))}
      </select>
      <select value={row.by} onChange={(e) => onChange({ ...row, by: e.target.value as Row["by"] })} data-testid="mixture-by">
        <option value="ratio">ratio</option>
        <option value="target_tokens">target tokens</option>
      </select>
      <input type="number" min={0} value={row.amount} onChange={(e) => onChange({ ...row, amount: e.target.value })} data-testid="mixture-amount" />
      <select value={row.sampling} onChange={(e) => onChange({ ...row, sampling: e.target.value as Row["sampling"] })} data-testid="mixture-sampling">
        <option value="down">down-sample only</option>
        <option value="up">may up-sample</option>
      </select>
      <button type="button" className="button" onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

function recipe(name: string, seed: string, rows: Row[]): MixtureCreate | null {
  if (!rows.length || rows.some((r) => !r.versionId || !(Number(r.amount) > 0))) return null;
  return {
    name: name || "mixture",
    seed: Number(seed),
    sources: rows.map((r) => ({
      dataset_version_id: r.versionId,
      ratio: r.by === "ratio" ? Number(r.amount) : null,
      target_tokens: r.by === "target_tokens" ? Math.round(Number(r.amount)) : null,
      sampling: r.sampling,
    })),
  };
}

/** The mixture builder: sources with ratios or token targets, the live token budget, and the saved mixtures. */
export function MixturesPage() {
  const [name, setName] = useState("domain-general");
  const [seed, setSeed] = useState("42");
  const [rows, setRows] = useState<Row[]>([{ ...emptyRow }, { ...emptyRow, amount: "5" }]);
  const body = recipe(name, seed, rows);
  const preview = useMixturePreview(body);
  const create = useCreateMixture();
  const mixtures = useMixtures();
  return (
    <>
      <PageHeader title="Mixtures" subtitle="Mix dataset versions by ratio (e.g. domain:general 1:5) or token target; see the token budget before anything runs." />
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          if (body) create.mutate(body);
        }}
      >
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="mixture-name" />
        </label>{" "}
        <label>
          Seed <input type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.value)} data-testid="mixture-seed" />
        </label>
        {rows.map((row, i) => (
          <SourceRow
            key={i}
            row={row}
            onChange={(next) => setRows((old) => old.map((r, j) => (j === i ? next : r)))}
            onRemove={() => setRows((old) => old.filter((_, j) => j !== i))}
          />
        ))}
        <button type="button" className="button" onClick={() => setRows((old) => [...old, { ...emptyRow }])}>
          Add source
        </button>{" "}
        <button type="submit" className="button button--primary" disabled={!body || create.isPending} data-testid="mixture-create">
          Save and materialise
        </button>
        {preview.isError && <ErrorBox error={preview.error} title="This mixture cannot be made." />}
        {create.isError && <ErrorBox error={create.error} title="The mixture could not be saved." />}
        {body && preview.data && (
          <table className="table" data-testid="mixture-budget">
            <thead>
              <tr>
                <th>Source</th>
                <th>Available tokens</th>
                <th>Tokens</th>
                <th>Share</th>
                <th>Records</th>
              </tr>
            </thead>
            <tbody>
              {preview.data.sources.map((s) => (
                <tr key={s.dataset_version_id} data-testid="budget-row">
                  <td>
                    {s.dataset_name} v{s.version}
                  </td>
                  <td>
                    {s.available_tokens.toLocaleString()}
                    {s.estimate === "chars/4" ? " (≈ chars/4)" : ""}
                  </td>
                  <td>{s.tokens.toLocaleString()}</td>
                  <td data-testid="budget-share">{Math.round(s.share * 100)} %</td>
                  <td>
                    {s.records_out.toLocaleString()}
                    {s.factor > 1 ? ` (×${s.factor.toFixed(2)})` : ""}
                    {s.capped ? " — capped: not enough data" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>Total</td>
                <td />
                <td data-testid="budget-total">{preview.data.total_tokens.toLocaleString()}</td>
                <td />
                <td>{preview.data.total_records.toLocaleString()}</td>
              </tr>
            </tfoot>
          </table>
        )}
        {body && preview.data?.approximate && (
          <p className="muted" data-testid="budget-approximate">
            Some sources have no data report: their tokens are estimated as characters / 4. Run a data report for real counts.
          </p>
        )}
      </form>
      <section className="card">
        <h2>Saved mixtures</h2>
        {mixtures.data?.length === 0 && <p className="muted">None yet.</p>}
        <ul>
          {mixtures.data?.map((m) => (
            <li key={m.id} data-testid="mixture-item">
              {m.name} v{m.version} · {m.status}
              {m.dataset_id && (
                <>
                  {" "}
                  → <Link to="/datasets/$datasetId" params={{ datasetId: m.dataset_id }}>its dataset</Link>
                </>
              )}
              {m.error && <span className="error"> {m.error}</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
