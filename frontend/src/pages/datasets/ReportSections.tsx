import { Link } from "@tanstack/react-router";
import type { Distribution, Listed, ReportResult } from "../../client";
import { HistogramChart } from "../../components/HistogramChart";
import { recordLabel, recordSearch } from "../../lib/recordNumbers";

const SHOWN_INDICES = 12;
const ROLE_COLORS: Record<string, string> = {
  system: "#6b7280",
  user: "#2563eb",
  assistant: "#16a34a",
  tool: "#d97706",
  document: "#7c3aed",
  chosen: "#16a34a",
  rejected: "#dc2626",
};

/**
 * Links to records in the record browser of the dataset (or of one of its versions), which opens at that record.
 * `indices` are the API's 0-based indices; people read (and the links carry) 1-based numbers.
 */
export function RecordLinks({
  datasetId,
  versionId,
  indices,
  count,
}: {
  datasetId: string;
  versionId?: string;
  indices: number[];
  count?: number;
}) {
  if (!indices.length) return <span className="muted">none</span>;
  const more = (count ?? indices.length) - Math.min(indices.length, SHOWN_INDICES);
  return (
    <span className="record-links">
      {indices.slice(0, SHOWN_INDICES).map((index) =>
        versionId ? (
          <Link
            key={index}
            to="/datasets/$datasetId/versions/$versionId"
            params={{ datasetId, versionId }}
            search={recordSearch(index)}
            className="record-link"
            data-testid="version-record-link"
          >
            {recordLabel(index)}
          </Link>
        ) : (
          <Link
            key={index}
            to="/datasets/$datasetId"
            params={{ datasetId }}
            search={recordSearch(index)}
            className="record-link"
            data-testid="report-record-link"
          >
            {recordLabel(index)}
          </Link>
        ),
      )}
      {more > 0 && <span className="muted"> and {more.toLocaleString()} more</span>}
    </span>
  );
}

function Fact({ label, value, testId }: { label: string; value: number | string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{typeof value === "number" ? value.toLocaleString() : value}</dd>
    </div>
  );
}

const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString() : v.toLocaleString(undefined, { maximumFractionDigits: 1 }));

function PercentileRow({ name, d }: { name: string; d: Distribution }) {
  return (
    <tr data-testid="percentile-row" data-role={name}>
      <td>{name}</td>
      <td className="num">{d.records.toLocaleString()}</td>
      <td className="num">{d.total.toLocaleString()}</td>
      <td className="num">{fmt(d.mean)}</td>
      <td className="num">{fmt(d.p50)}</td>
      <td className="num">{fmt(d.p90)}</td>
      <td className="num">{fmt(d.p99)}</td>
      <td className="num">{d.max.toLocaleString()}</td>
    </tr>
  );
}

function ListedRow({ datasetId, name, listed, help }: { datasetId: string; name: string; listed: Listed; help: string }) {
  return (
    <tr data-testid="finding-row" data-finding={name}>
      <td title={help}>{name}</td>
      <td className="num">{listed.count.toLocaleString()}</td>
      <td>
        <RecordLinks datasetId={datasetId} indices={listed.indices} count={listed.count} />
      </td>
    </tr>
  );
}

export function ReportSections({ datasetId, result }: { datasetId: string; result: ReportResult }) {
  const roles = Object.entries(result.tokens.roles);
  const pii = Object.entries(result.pii.by_type).filter(([, t]) => t.count > 0);
  const contamination = result.contamination;
  return (
    <>
      <dl className="facts card" data-testid="report-summary">
        <Fact label="Records" value={result.records} testId="report-records" />
        {result.turns && <Fact label="Turns" value={result.turns.total} testId="report-turns" />}
        <Fact label="Tokens (as the model sees them)" value={result.tokens.total.total} testId="report-tokens" />
        <Fact label="Exact duplicates" value={result.exact_duplicates.duplicate_records} testId="report-exact" />
        <Fact label="Near duplicates" value={result.near_duplicates.duplicate_records} testId="report-near" />
        <Fact label="Garbage flagged" value={result.quality.flagged.count} />
        <Fact label="With PII" value={result.pii.records.count} testId="report-pii" />
        <Fact label={`Over ${result.max_length.toLocaleString()} tokens`} value={result.over_long.count} />
      </dl>

      <section className="card">
        <h2>Tokens per record</h2>
        <div className="histograms">
          {[["total", result.tokens.total] as const, ...roles].map(([role, d]) => (
            <figure key={role} className="histogram-figure">
              <figcaption>{role}</figcaption>
              <HistogramChart
                edges={d.histogram.edges}
                counts={d.histogram.counts}
                label={`${role} tokens`}
                color={ROLE_COLORS[role]}
                testId={`histogram-${role}`}
              />
            </figure>
          ))}
        </div>
        <table className="table" data-testid="percentiles-table">
          <thead>
            <tr>
              <th>role</th>
              <th className="num">records</th>
              <th className="num">tokens</th>
              <th className="num">mean</th>
              <th className="num">p50</th>
              <th className="num">p90</th>
              <th className="num">p99</th>
              <th className="num">max</th>
            </tr>
          </thead>
          <tbody>
            <PercentileRow name="total" d={result.tokens.total} />
            {roles.map(([role, d]) => (
              <PercentileRow key={role} name={role} d={d} />
            ))}
            {result.turns && <PercentileRow name="turns" d={result.turns} />}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>Languages</h2>
        <ul className="bars" data-testid="languages">
          {result.languages.map((row) => (
            <li key={row.language} data-language={row.language}>
              <span className="bars__label">{row.language}</span>
              <span className="bars__bar" style={{ width: `${(100 * row.records) / Math.max(1, result.records)}%` }} />
              <span className="bars__value">{row.records.toLocaleString()}</span>
            </li>
          ))}
        </ul>
        <p className="muted">Detected offline from Unicode scripts and stopwords; `und` means no letters.</p>
      </section>

      <section className="card" data-testid="duplicates">
        <h2>Duplicates</h2>
        <p>
          <strong>{result.exact_duplicates.duplicate_records.toLocaleString()}</strong> records repeat an earlier one
          exactly ({result.exact_duplicates.groups.toLocaleString()} groups);{" "}
          <strong>{result.near_duplicates.duplicate_records.toLocaleString()}</strong> more are near duplicates (
          {result.near_duplicates.groups.toLocaleString()} groups, MinHash estimated Jaccard ≥{" "}
          {result.near_duplicates.threshold} on word {result.near_duplicates.shingle_words}-grams).
        </p>
        {[...result.exact_duplicates.examples.map((g) => ({ ...g, kind: "exact" })), ...result.near_duplicates.examples.map((g) => ({ ...g, kind: "near" }))].map(
          (group, i) => (
            <div key={i} className="dup-group" data-testid="duplicate-group" data-kind={group.kind}>
              <p>
                {group.kind} · {group.size} records
                {group.similarity != null && ` · similarity ${group.similarity}`}:{" "}
                <RecordLinks datasetId={datasetId} indices={group.indices} count={group.size} />
              </p>
              {group.previews.map((preview, j) => (
                <pre key={j} className="dup-preview">
                  {preview}
                </pre>
              ))}
            </div>
          ),
        )}
      </section>

      <section className="card">
        <h2>Quality findings</h2>
        <table className="table" data-testid="findings-table">
          <thead>
            <tr>
              <th>finding</th>
              <th className="num">records</th>
              <th>records</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(result.quality.by_reason).map(([reason, listed]) => (
              <ListedRow key={reason} datasetId={datasetId} name={`garbage: ${reason}`} listed={listed} help="repetition, symbol or character-run score over its threshold" />
            ))}
            <ListedRow datasetId={datasetId} name="empty" listed={result.empty} help="no text in any message" />
            <ListedRow datasetId={datasetId} name="over-long" listed={result.over_long} help={`longer than ${result.max_length} tokens`} />
            <ListedRow datasetId={datasetId} name="template errors" listed={result.template_errors} help={result.template_errors.first ?? ""} />
            {pii.map(([kind, t]) => (
              <ListedRow key={kind} datasetId={datasetId} name={`PII: ${kind}`} listed={t} help={`${t.matches} matches`} />
            ))}
          </tbody>
        </table>
        {pii.length > 0 && (
          <p className="muted" data-testid="pii-examples">
            Masked examples: {pii.flatMap(([, t]) => t.examples.map((e) => `${recordLabel(e.index)} ${e.value}`)).join(", ")}
          </p>
        )}
      </section>

      {contamination && (
        <section className="card" data-testid="contamination">
          <h2>Contamination with the compared dataset</h2>
          <p>
            Of this dataset&apos;s records, <strong data-testid="contamination-exact">{contamination.exact.count.toLocaleString()}</strong> occur
            exactly and <strong data-testid="contamination-near">{contamination.near.count.toLocaleString()}</strong> nearly in the compared
            dataset ({contamination.compare_records.toLocaleString()} records).
          </p>
          <p>
            Exact: <RecordLinks datasetId={datasetId} indices={contamination.exact.indices} count={contamination.exact.count} />
          </p>
          <p>
            Near: <RecordLinks datasetId={datasetId} indices={contamination.near.indices} count={contamination.near.count} />
          </p>
          {contamination.examples.map((e) => (
            <div key={`${e.index}-${e.compare_index}`} className="dup-group">
              <p>
                {recordLabel(e.index)} ↔ compared {recordLabel(e.compare_index)} · similarity {e.similarity}
              </p>
              <pre className="dup-preview">{e.preview}</pre>
              <pre className="dup-preview">{e.compare_preview}</pre>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
