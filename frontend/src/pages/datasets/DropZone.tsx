import { useId, useState, type DragEvent } from "react";
import { formatBytes } from "../../lib/format";

interface DropZoneProps {
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
}

/** Drag a JSONL file here, or pick one with the file input inside. */
export function DropZone({ file, onFile, disabled }: DropZoneProps) {
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
        accept=".jsonl,.json,.txt,application/jsonl,application/x-ndjson"
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
            <strong>Drop a JSONL file here</strong> or click to choose one
            <span className="dropzone__hint">
              One conversation per line: <code>{'{"messages": [{"role": "user", "content": "…"}, …]}'}</code>
            </span>
          </>
        )}
      </label>
    </div>
  );
}
