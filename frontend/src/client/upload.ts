// Dataset upload over XMLHttpRequest: fetch() reports no upload progress. This is the one request that
// does not go through openapi-fetch; it is typed with the generated operation types all the same.
import { csrfHeaders } from "./csrf";
import type { paths } from "./schema";

type UploadOperation = paths["/api/datasets"]["post"];
export type UploadBody = UploadOperation["requestBody"]["content"]["multipart/form-data"];
export type UploadResult = UploadOperation["responses"][201]["content"]["application/json"];

export const UPLOAD_PATH = "/api/datasets" satisfies keyof paths;

export interface UploadOptions {
  file: File;
  name?: string | null;
  /** `auto` (or absent) detects the format; another value forces it. */
  format?: UploadBody["format"] | null;
  /** Format fields → the file's columns (CSV/TSV/Parquet/JSON); sent as a JSON string. */
  columns?: Record<string, string> | null;
  /** `reject` (default) refuses a file with any bad record; `quarantine` keeps the valid ones and sets the bad aside. */
  onInvalid?: UploadBody["on_invalid"] | null;
  /** The project it goes into; the user's default project when absent. */
  projectId?: string | null;
  /** Called with 0–100 as bytes go out. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** Rejects with `{ status, body }` (body parsed when JSON) so the shared error handling can read it. */
export interface UploadFailure {
  status: number;
  body: unknown;
}

export function uploadDataset({ file, name, format, columns, onInvalid, projectId, onProgress, signal }: UploadOptions): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    const fields: Record<keyof UploadBody, string | Blob | null | undefined> = {
      file,
      name: name || null,
      format: format && format !== "auto" ? format : null,
      columns: columns && Object.keys(columns).length ? JSON.stringify(columns) : null,
      on_invalid: onInvalid ?? null,
      project_id: projectId ?? null,
    };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== null && value !== undefined) form.append(key, value instanceof File ? value : String(value));
    }
    xhr.open("POST", UPLOAD_PATH);
    for (const [name, value] of Object.entries(csrfHeaders("POST"))) xhr.setRequestHeader(name, value);
    xhr.responseType = "text";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(body as UploadResult);
      } else {
        reject({ status: xhr.status, body } satisfies UploadFailure);
      }
    };
    xhr.onerror = () => reject({ status: 0, body: null } satisfies UploadFailure);
    xhr.onabort = () => reject({ status: 0, body: { error: "Aborted", detail: "The upload was cancelled." } } satisfies UploadFailure);
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
