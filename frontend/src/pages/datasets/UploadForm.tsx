import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useDatasetFormats, useUploadDataset } from "../../api/datasets";
import { ErrorBox } from "../../components/ErrorBox";
import { ProgressBar } from "../../components/ProgressBar";
import {
  AUTO_FORMAT_HELP,
  FORMAT_CHOICES,
  formatsFor,
  mappableFields,
  parseColumns,
  takesColumnMapping,
  type FormatOverride,
} from "../../lib/datasetFormats";
import { FormField } from "../runs/FormField";
import { DropZone } from "./DropZone";
import { FormatsHelp } from "./FormatsHelp";
import { QuarantineOffer } from "./QuarantineOffer";

export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [format, setFormat] = useState<FormatOverride>("auto");
  const [columns, setColumns] = useState("");
  const [columnsError, setColumnsError] = useState<string | null>(null);
  const upload = useUploadDataset();
  const formats = useDatasetFormats();

  const items = formats.data?.items ?? [];
  const knownFields = items.length ? mappableFields(items, format) : undefined;
  const showColumns = takesColumnMapping(file?.name);
  const selected = formatsFor(items, format);
  const formatHelp =
    format === "auto" ? AUTO_FORMAT_HELP : selected.length ? selected.map((f) => `${f.title}: ${f.description}`).join(" · ") : undefined;

  const send = (onInvalid: "reject" | "quarantine") => {
    if (!file) return;
    const mapping = showColumns ? parseColumns(columns, knownFields) : { ok: true as const, value: null };
    if (!mapping.ok) {
      setColumnsError(mapping.message);
      return;
    }
    upload.mutate(
      { file, name, format, columns: mapping.value, onInvalid },
      {
        onSuccess: () => {
          setFile(null);
          setName("");
          setColumns("");
        },
      },
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send("reject");
  };

  const chooseFile = (next: File | null) => {
    setFile(next);
    if (!upload.isPending) upload.reset();
  };

  const progress = upload.progress;
  return (
    <form className="card upload" onSubmit={onSubmit}>
      <h2>Upload a dataset</h2>
      <DropZone file={file} onFile={chooseFile} disabled={upload.isPending} fileTypes={formats.data?.file_types} />
      <div className="form__grid">
        <FormField label="Format" htmlFor="dataset-format" help={formatHelp}>
          <select
            id="dataset-format"
            data-testid="dataset-format-select"
            value={format}
            disabled={upload.isPending}
            onChange={(e) => {
              setFormat(e.target.value as FormatOverride);
              setColumnsError(null);
            }}
          >
            {FORMAT_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </FormField>
        {showColumns && (
          <FormField
            label="Column mapping (optional)"
            htmlFor="dataset-columns"
            error={columnsError ?? undefined}
            help={
              `JSON mapping the format's fields to your file's columns, e.g. {"instruction": "question", "output": "answer"}; ` +
              `leave empty when the columns are already named like the fields.` +
              (knownFields?.length ? ` Fields: ${knownFields.join(", ")}.` : "")
            }
          >
            <textarea
              id="dataset-columns"
              className="columns-input"
              data-testid="dataset-columns-input"
              value={columns}
              spellCheck={false}
              placeholder='{"instruction": "question", "output": "answer"}'
              disabled={upload.isPending}
              aria-invalid={columnsError ? true : undefined}
              onChange={(e) => {
                setColumns(e.target.value);
                setColumnsError(null);
              }}
              onBlur={() => {
                const parsed = parseColumns(columns, knownFields);
                setColumnsError(parsed.ok ? null : parsed.message);
              }}
            />
          </FormField>
        )}
      </div>
      <div className="upload__row">
        <label className="field field--inline">
          <span className="field__label">Name (optional)</span>
          <input
            type="text"
            data-testid="dataset-name-input"
            value={name}
            maxLength={200}
            placeholder={file ? file.name.replace(/\.[^.]+$/, "") : "defaults to the file name"}
            onChange={(e) => setName(e.target.value)}
            disabled={upload.isPending}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="upload-button" disabled={!file || upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload"}
        </button>
      </div>
      {progress !== null && (
        <ProgressBar
          value={progress}
          testId="upload-progress"
          label={upload.isPending && progress >= 100 ? "100% — validating on the server…" : `${progress}%`}
          tone={upload.isError ? "danger" : upload.isSuccess ? "success" : "default"}
        />
      )}
      {upload.isError && (
        <>
          <ErrorBox error={upload.error} title="The upload was rejected; nothing was stored." testId="upload-error" showProblems />
          {file && <QuarantineOffer error={upload.error} onAccept={() => send("quarantine")} />}
        </>
      )}
      {upload.isSuccess && (
        <p className="notice notice--success" role="status" data-testid="upload-success">
          Uploaded <Link to="/datasets/$datasetId" params={{ datasetId: upload.data.id }}>{upload.data.name}</Link>:{" "}
          {upload.data.record_count.toLocaleString()} records, read as {upload.data.source_format} ({upload.data.format})
          {upload.data.quarantined_count > 0 && `; ${upload.data.quarantined_count.toLocaleString()} bad records quarantined`}.
        </p>
      )}
      <FormatsHelp formats={formats.data} />
    </form>
  );
}
