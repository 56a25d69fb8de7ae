import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useUploadDataset } from "../../api/datasets";
import { ErrorBox } from "../../components/ErrorBox";
import { ProgressBar } from "../../components/ProgressBar";
import { DropZone } from "./DropZone";

export function UploadForm() {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const upload = useUploadDataset();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    upload.mutate(
      { file, name },
      {
        onSuccess: () => {
          setFile(null);
          setName("");
        },
      },
    );
  };

  const chooseFile = (next: File | null) => {
    setFile(next);
    if (!upload.isPending) upload.reset();
  };

  const progress = upload.progress;
  return (
    <form className="card upload" onSubmit={onSubmit}>
      <h2>Upload a dataset</h2>
      <DropZone file={file} onFile={chooseFile} disabled={upload.isPending} />
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
        <ErrorBox error={upload.error} title="The upload was rejected; nothing was stored." testId="upload-error" showProblems />
      )}
      {upload.isSuccess && (
        <p className="notice notice--success" role="status">
          Uploaded <Link to="/datasets/$datasetId" params={{ datasetId: upload.data.id }}>{upload.data.name}</Link>:{" "}
          {upload.data.record_count.toLocaleString()} records.
        </p>
      )}
    </form>
  );
}
