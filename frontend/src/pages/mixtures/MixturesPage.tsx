import { Link, useLocation } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import type { RenderAs } from "../../client";
import { useDatasets } from "../../api/datasets";
import { useCreateMixture, useMixturePreview, useMixtures } from "../../api/mixtures";
import { useModels } from "../../api/models";
import { useVersions } from "../../api/versions";
import { ErrorBox } from "../../components/ErrorBox";
import { PageHeader } from "../../components/PageHeader";
import { effectiveKind, emptyRow, isRendered, MIXTURE_KINDS, type MixtureKind, recipe, type Row } from "./recipe";

function renderedLabel(render: RenderAs | null | undefined): string {
  if (!render) return "";
  return render.style === "chat_template" ? ` → text (${render.model}'s chat template)` : " → text (plain)";
}

function SourceRow({ row, rendered, onChange, onRemove }: { row: Row; rendered: boolean; onChange: (row: Row) => void; onRemove: () => void }) {
  const datasets = useDatasets();
  const models = useModels();
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
      {rendered && (
        <label>
          rendered as{" "}
          <select value={row.renderAs} onChange={(e) => onChange({ ...row, renderAs: e.target.value })} data-testid="mixture-render-as">
            <option value="plain">plain text (messages separated by blank lines)</option>
            {models.data?.map((m) => (
              <option key={m.name} value={`chat_template:${m.name}`}>
                {m.name}'s chat template
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="button" className="button" onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}

/** The mixture builder: sources with ratios or token targets, the live token budget, and the saved mixtures. */
export function MixturesPage() {
  const [name, setName] = useState("domain-general");
  const [seed, setSeed] = useState("42");
  const [kind, setKind] = useState<MixtureKind | "">("");
  const [rows, setRows] = useState<Row[]>([{ ...emptyRow }, { ...emptyRow, amount: "5" }]);
  const datasets = useDatasets();
  const formats = Object.fromEntries((datasets.data ?? []).map((d) => [d.id, d.format]));
  const produced = effectiveKind(kind, rows, formats);
  const body = recipe(name, seed, kind, rows, formats);
  const preview = useMixturePreview(body);
  const create = useCreateMixture();
  const mixtures = useMixtures();
  // A run's page links to the mixture it trained on (/mixtures#mix_…): bring that one into view once listed.
  const target = useLocation({ select: (location) => location.hash });
  const listed = mixtures.data?.some((m) => m.id === target) ?? false;
  useEffect(() => {
    if (listed) document.getElementById(target)?.scrollIntoView?.({ block: "center" }); // jsdom has none
  }, [listed, target]);
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
        </label>{" "}
        <label>
          Produces{" "}
          <select value={kind} onChange={(e) => setKind(e.target.value as MixtureKind | "")} data-testid="mixture-kind">
            <option value="">the first source's kind{produced && !kind ? ` (${produced})` : ""}</option>
            {MIXTURE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {produced === "text" && (
          <p className="muted">A text mixture also takes conversation datasets (multi-task instruction pretraining): each conversation becomes one document.</p>
        )}
        {rows.map((row, i) => (
          <SourceRow
            key={i}
            row={row}
            rendered={isRendered(produced, formats[row.datasetId])}
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
                    {renderedLabel(s.render_as)}
                  </td>
                  <td>
                    {s.available_tokens.toLocaleString()}
                    {s.estimate === "chars/4" ? " (≈ chars/4)" : s.estimate === "rendered" ? " (≈ as rendered)" : ""}
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
            Some token counts are estimates: a source without a data report counts characters / 4, and conversations rendered as text are
            sized from their report. Run a data report for real counts.
          </p>
        )}
      </form>
      <section className="card">
        <h2>Saved mixtures</h2>
        {mixtures.data?.length === 0 && <p className="muted">None yet.</p>}
        <ul>
          {mixtures.data?.map((m) => (
            // The id is the anchor a run's page links to (/mixtures#mix_…).
            <li key={m.id} id={m.id} data-testid="mixture-item" className={m.id === target ? "is-target" : undefined}>
              {m.name} v{m.version} · {m.status}
              {m.dataset_id && (
                <>
                  {" "}
                  → <Link to="/datasets/$datasetId" params={{ datasetId: m.dataset_id }}>its dataset</Link>
                </>
              )}
              {m.status === "succeeded" && m.dataset_id && (
                <>
                  {" "}
                  <Link to="/runs/new" search={{ mixture: m.id }} className="button" data-testid="mixture-train">
                    Train on this mixture
                  </Link>
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
