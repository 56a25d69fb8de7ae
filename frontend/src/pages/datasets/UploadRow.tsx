import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useUploadDataset, type UploadVariables } from "../../api/datasets";
import { ErrorBox } from "../../components/ErrorBox";
import { ProgressBar } from "../../components/ProgressBar";
import { formatBytes } from "../../lib/format";
import { QuarantineOffer } from "./QuarantineOffer";
import { SourceFormat } from "./SourceFormat";

/** One file of a (multi-file) upload: it starts on its own, with its own progress bar, outcome and error table. */
export function UploadRow({ upload: variables }: { upload: UploadVariables }) {
  const upload = useUploadDataset();
  const started = useRef(false);
  const { mutate } = upload;
  useEffect(() => {
    // Once per row, even when React mounts it twice in development.
    if (started.current) return;
    started.current = true;
    mutate({ ...variables, onInvalid: "reject" });
  }, [mutate, variables]);

  const progress = upload.progress;
  const { file } = variables;
  return (
    <li className="upload-row" data-testid="upload-row" data-file={file.name}>
      <div className="upload-row__head">
        <strong>{file.name}</strong> <span className="muted">({formatBytes(file.size)})</span>
      </div>
      <ProgressBar
        value={progress ?? 0}
        testId="upload-progress"
        label={
          upload.isPending && (progress ?? 0) >= 100
            ? "100% — validating on the server…"
            : upload.isError
              ? "refused"
              : `${progress ?? 0}%`
        }
        tone={upload.isError ? "danger" : upload.isSuccess ? "success" : "default"}
      />
      {upload.isError && (
        <>
          <ErrorBox error={upload.error} title={`${file.name} was rejected; nothing was stored.`} testId="upload-error" showProblems />
          <QuarantineOffer error={upload.error} onAccept={() => mutate({ ...variables, onInvalid: "quarantine" })} />
        </>
      )}
      {upload.isSuccess && (
        <p className="notice notice--success" role="status" data-testid="upload-success">
          Uploaded <Link to="/datasets/$datasetId" params={{ datasetId: upload.data.id }}>{upload.data.name}</Link>:{" "}
          {upload.data.record_count.toLocaleString()} records, read as <SourceFormat dataset={upload.data} /> ({upload.data.format})
          {upload.data.quarantined_count > 0 && `; ${upload.data.quarantined_count.toLocaleString()} bad records quarantined`}.
        </p>
      )}
    </li>
  );
}
