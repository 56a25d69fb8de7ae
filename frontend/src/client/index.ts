// The one typed door to the backend: openapi-fetch over the generated `paths` types.
// Hand-written wrapper; the types in schema.d.ts are generated (`npm run generate-client`).
import createClient from "openapi-fetch";
import { csrfHeaders } from "./csrf";
import type { components, paths } from "./schema";

export type { components, paths } from "./schema";

type Schemas = components["schemas"];
export type Dataset = Schemas["DatasetRead"];
export type DatasetRecord = Schemas["DatasetRecord"];
export type DatasetRecords = Schemas["DatasetRecords"];
export type DatasetFormat = Schemas["DatasetFormat"];
export type DatasetFormats = Schemas["DatasetFormats"];
export type MaskPreview = Schemas["MaskPreview"];
export type MaskToken = Schemas["MaskToken"];
export type Run = Schemas["RunRead"];
export type RunStatus = Run["status"];
export type RunEvent = Schemas["RunEventRead"];
export type Checkpoint = Schemas["CheckpointRead"];
export type Evaluation = Schemas["EvaluationRead"];
export type EvaluationCreate = Schemas["EvaluationCreate"];
export type Export = Schemas["ExportRead"];
export type ExportCreate = Schemas["ExportCreate"];
export type CatalogModel = Schemas["ModelRead"];
export type ModelFamily = Schemas["FamilyRead"];
export type FamilyCreate = Schemas["FamilyCreate"];
export type FamilyUpdate = Schemas["FamilyUpdate"];
export type ModelSourceEntry = Schemas["SourceRead"];
export type SourceCreate = Schemas["SourceCreate"];
export type TrainingSpecCreate = Schemas["TrainingSpecCreate"];
export type Hyperparameters = Schemas["Hyperparameters"];
export type ErrorBody = Schemas["ErrorBody"];
export type ServableModel = Schemas["ServableModel"];
export type ChatCompletionRequest = Schemas["ChatCompletionRequest"];
export type ChatMessage = Schemas["ChatMessage"];
export type Report = Schemas["ReportRead"];
export type DatasetVersion = Schemas["DatasetVersionRead"];
export type CleaningCreate = Schemas["CleaningCreate"];
export type SplitCreate = Schemas["SplitCreate"];
export type Mixture = Schemas["MixtureRead"];
export type MixtureCreate = Schemas["MixtureCreate"];
export type MixturePreview = Schemas["MixturePreview"];
export type RenderAs = Schemas["RenderAs"];
export type ReportResult = Schemas["ReportResult"];
export type Distribution = Schemas["Distribution"];
export type Listed = Schemas["Listed"];
export type Comparison = Schemas["ComparisonRead"];
export type ComparisonCreate = Schemas["ComparisonCreate"];
export type ComparisonResults = Schemas["ComparisonResults"];
export type PairToRate = Schemas["PairToRate"];
export type RatingCreate = Schemas["RatingCreate"];
export type Me = Schemas["Me"];
export type User = Schemas["UserRead"];
export type UserCreate = Schemas["UserCreate"];
export type UserUpdate = Schemas["UserUpdate"];
export type Role = User["role"];
export type ApiKey = Schemas["ApiKeyRead"];
export type ApiKeyCreated = Schemas["ApiKeyCreated"];
export type AuditEvent = Schemas["AuditEventRead"];
export type Project = Schemas["ProjectRead"];
export type ProjectCreate = Schemas["ProjectCreate"];
export type ProjectMember = Schemas["MemberRead"];
export type QueueView = Schemas["QueueRead"];
export type QueueWorker = Schemas["WorkerRead"];
export type QueueGpu = Schemas["GpuRead"];
export type QueuedRun = Schemas["QueuedRunRead"];
export type RunningRun = Schemas["RunningRunRead"];
export type GpuJob = Schemas["GpuJobRead"];
export type QueueUsage = Schemas["UsageRead"];
export type ProjectQuota = Schemas["ProjectQuotaRead"];

/** Same-origin in production (FastAPI serves the UI) and in development (Vite proxies /api). */
export const api = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "" : window.location.origin,
  // Looked up per request (not captured once) so tests can stub `fetch`.
  fetch: (request) => globalThis.fetch(request),
});

// Every change made with the session cookie carries the CSRF token (requests with an API key need none).
api.use({
  onRequest({ request }) {
    for (const [name, value] of Object.entries(csrfHeaders(request.method))) request.headers.set(name, value);
    return request;
  },
});
