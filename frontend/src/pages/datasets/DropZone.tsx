import { useId, useState, type DragEvent } from "react";
import { ACCEPT_ATTRIBUTE, ACCEPTED_EXTENSIONS } from "../../lib/datasetFormats";
import { formatBytes } from "../../lib/format";

interface DropZoneProps {
  files: File[];
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  /** The server's own description of the accepted file types, when known. */
  fileTypes?: string;
}

/** Drag one or more dataset files here, or pick them with the file input inside; each becomes its own dataset. */
export function DropZone({ files, onFiles, disabled, fileTypes }: DropZoneProps) {
  const inputId = useId();
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = Array.from(e.dataTransfer.files);
    if (dropped.length) onFiles(dropped);
  };

  return (
    <div
      className={`dropzone${over ? " dropzone--over" : ""}${files.length ? " dropzone--has-file" : ""}`}
      data-testid="dataset-dropzone"
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
        multiple
        accept={ACCEPT_ATTRIBUTE}
        data-testid="dataset-file-input"
        disabled={disabled}
        onChange={(e) => onFiles(Array.from(e.target.files ?? []))}
      />
      <label htmlFor={inputId} className="dropzone__label">
        {files.length ? (
          <>
            <ul className="dropzone__files" data-testid="dataset-chosen-files">
              {files.map((f, i) => (
                <li key={`${f.name}-${i}`}>
                  <strong>{f.name}</strong> <span className="muted">({formatBytes(f.size)})</span>
                </li>
              ))}
            </ul>
            <span className="dropzone__hint">
              {files.length > 1 ? `${files.length} files, each becomes its own dataset. ` : ""}Drop other files or click to
              choose different ones.
            </span>
          </>
        ) : (
          <>
            <strong>Drop dataset files here</strong> (several at once if you like) or click to choose
            <span className="dropzone__hint" data-testid="dataset-file-types">
              {fileTypes ?? ACCEPTED_EXTENSIONS.join(", ")}; UTF-8 or GB18030. Conversations, instruction pairs, preference
              pairs, KTO, plain text or documents: see &ldquo;Formats&rdquo; below.
            </span>
          </>
        )}
      </label>
    </div>
  );
}
