import { useId, useState, type DragEvent } from "react";
import { ACCEPT_ATTRIBUTE, ACCEPTED_EXTENSIONS } from "../../lib/datasetFormats";
import { formatBytes } from "../../lib/format";

interface DropZoneProps {
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
  /** The server's own description of the accepted file types, when known. */
  fileTypes?: string;
}

/** Drag a dataset file here, or pick one with the file input inside. */
export function DropZone({ file, onFile, disabled, fileTypes }: DropZoneProps) {
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = e.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <div
      className={`dropzone${over ? " dropzone--over" : ""}${file ? " dropzone--has-file" : ""}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <input
        id={inputId}
        className="dropzone__input"
        type="file"
        accept={ACCEPT_ATTRIBUTE}
        data-testid="dataset-file-input"
        disabled={disabled}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      <label htmlFor={inputId} className="dropzone__label">
        {file ? (
          <>
            <strong>{file.name}</strong> <span className="muted">({formatBytes(file.size)})</span>
            <span className="dropzone__hint">Drop another file or click to choose a different one.</span>
          </>
        ) : (
          <>
            <strong>Drop a dataset file here</strong> or click to choose one
            <span className="dropzone__hint" data-testid="dataset-file-types">
              {fileTypes ?? ACCEPTED_EXTENSIONS.join(", ")}; UTF-8 or GB18030. Conversations, instruction pairs, preference
              pairs, KTO or plain text: see &ldquo;Formats&rdquo; below.
            </span>
          </>
        )}
      </label>
    </div>
  );
}
