import { useState } from "react";
import { exportDownloadUrl, useCreateExport, useExports } from "../../api/exports";
import type { Export, ExportCreate } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { StatusBadge } from "../../components/StatusBadge";
import { formatBytes } from "../../lib/format";
import { parityText } from "../../lib/exports";

const KINDS: { value: ExportCreate["kind"]; label: string }[] = [
  { value: "merged", label: "Merged model (standalone)" },
  { value: "adapter", label: "Adapter only (LoRA)" },
];
const DTYPES: NonNullable<ExportCreate["dtype"]>[] = ["bf16", "fp16", "fp32"];

/** Export one checkpoint (kind, dtype), follow its exports and download the finished ones. */
export function CheckpointExports({ checkpointId, wholeModel }: { checkpointId: string; wholeModel: boolean }) {
  const exports = useExports(checkpointId);
  const create = useCreateExport(checkpointId);
  const [kind, setKind] = useState<ExportCreate["kind"]>("merged");
  const [dtype, setDtype] = useState<NonNullable<ExportCreate["dtype"]>>("bf16");
  return (
    <div className="exports" data-testid="checkpoint-exports">
      <form
        className="exports__form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ kind, dtype });
        }}
      >
        <label className="field">
          <span className="field__label">Export as</span>
          <select value={kind} data-testid="export-kind" onChange={(e) => setKind(e.target.value as ExportCreate["kind"])}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value} disabled={k.value === "adapter" && wholeModel}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Precision</span>
          <select value={dtype} data-testid="export-dtype" onChange={(e) => setDtype(e.target.value as typeof dtype)}>
            {DTYPES.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" data-testid="export-submit" disabled={create.isPending}>
          {create.isPending ? "Queueing…" : "Export"}
        </button>
      </form>
      <p className="field__help">
        A merged model loads with plain transformers; it is checked against the adapter model (same greedy tokens, logits
        within the precision's tolerance). A QLoRA adapter is merged into the unquantised base, which differs slightly from
        the 4-bit model it trained against; that gap is measured too.
      </p>
      {create.isError && <ErrorBox error={create.error} title="Could not export." />}
      {exports.isError && <ErrorBox error={exports.error} title="Could not load the exports." />}
      {exports.data && exports.data.length > 0 && (
        <ul className="exports__list">
          {exports.data.map((e) => (
            <ExportItem key={e.id} item={e} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExportItem({ item }: { item: Export }) {
  const parity = parityText(item.parity);
  return (
    <li className="exports__item" data-testid="export-row" data-kind={item.kind} data-status={item.status}>
      <span className="exports__what">
        {item.kind} · {item.dtype}
      </span>
      <StatusBadge status={item.status} testId="export-status" />
      {item.size_bytes !== null && <span className="muted">{formatBytes(item.size_bytes)}</span>}
      {parity && (
        <span className="muted" data-testid="export-parity">
          parity {parity}
        </span>
      )}
      {item.status === "failed" && item.error && (
        <span className="exports__error" data-testid="export-error">
          {item.error}
        </span>
      )}
      {item.status === "succeeded" && (
        <a className="button button--small" href={exportDownloadUrl(item.id)} download data-testid="export-download">
          Download
        </a>
      )}
    </li>
  );
}
