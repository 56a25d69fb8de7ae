import { useRef, useState, type FormEvent } from "react";
import { useDatasetFormats, type UploadVariables } from "../../api/datasets";
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
import { UploadRow } from "./UploadRow";

interface Submitted {
  key: number;
  upload: UploadVariables;
}

export function UploadForm() {
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState("");
  const [format, setFormat] = useState<FormatOverride>("auto");
  const [columns, setColumns] = useState("");
  const [columnsError, setColumnsError] = useState<string | null>(null);
  // Every file sent so far, newest first: each uploads on its own and keeps its outcome on screen.
  const [submitted, setSubmitted] = useState<Submitted[]>([]);
  const nextKey = useRef(0);
  const formats = useDatasetFormats();

  const items = formats.data?.items ?? [];
  const knownFields = items.length ? mappableFields(items, format) : undefined;
  const showColumns = files.some((f) => takesColumnMapping(f.name));
  const selected = formatsFor(items, format);
  const formatHelp =
    format === "auto" ? AUTO_FORMAT_HELP : selected.length ? selected.map((f) => `${f.title}: ${f.description}`).join(" · ") : undefined;
  const single = files.length <= 1;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!files.length) return;
    const mapping = showColumns ? parseColumns(columns, knownFields) : { ok: true as const, value: null };
    if (!mapping.ok) {
      setColumnsError(mapping.message);
      return;
    }
    const batch = files.map((file) => ({
      key: nextKey.current++,
      // A name is one dataset's; with several files each is named after its file.
      upload: { file, name: single ? name : "", format, columns: mapping.value },
    }));
    setSubmitted((before) => [...batch, ...before]);
    setFiles([]);
    setName("");
    setColumns("");
  };

  return (
    <form className="card upload" onSubmit={onSubmit}>
      <h2>Upload a dataset</h2>
      <DropZone files={files} onFiles={setFiles} fileTypes={formats.data?.file_types} />
      <div className="form__grid">
        <FormField label="Format" htmlFor="dataset-format" help={formatHelp}>
          <select
            id="dataset-format"
            data-testid="dataset-format-select"
            value={format}
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
            value={single ? name : ""}
            maxLength={200}
            placeholder={single ? (files[0] ? files[0].name.replace(/\.[^.]+$/, "") : "defaults to the file name") : "each named after its file"}
            onChange={(e) => setName(e.target.value)}
            disabled={!single}
          />
        </label>
        <button type="submit" className="button button--primary" data-testid="upload-button" disabled={!files.length}>
          {files.length > 1 ? `Upload ${files.length} files` : "Upload"}
        </button>
      </div>
      {submitted.length > 0 && (
        <ul className="upload-rows" data-testid="upload-rows">
          {submitted.map((s) => (
            <UploadRow key={s.key} upload={s.upload} />
          ))}
        </ul>
      )}
      <FormatsHelp formats={formats.data} />
    </form>
  );
}
