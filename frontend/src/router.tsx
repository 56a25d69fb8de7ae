import { createRootRoute, createRoute, createRouter, redirect } from "@tanstack/react-router";
import { lazy, type ReactNode } from "react";
import { Layout } from "./components/Layout";
import { EmptyState } from "./components/EmptyState";
import { isLossOn, parseRecordIndex, type LossOn } from "./lib/maskPreview";
import { parseRecordNumber } from "./lib/recordNumbers";

/**
 * A page loaded when first visited, so the first load fetches only the shell and that page (one bundle held every
 * page and passed Vite's 500 kB warning). Layout renders pages inside a Suspense boundary.
 */
function lazyPage<P extends object, K extends string>(load: () => Promise<Record<K, (props: P) => ReactNode>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const ComparisonsPage = lazyPage(() => import("./pages/comparisons/ComparisonsPage"), "ComparisonsPage");
const RatePage = lazyPage(() => import("./pages/comparisons/RatePage"), "RatePage");
const ResultsPage = lazyPage(() => import("./pages/comparisons/ResultsPage"), "ResultsPage");
const CheckpointsPage = lazyPage(() => import("./pages/checkpoints/CheckpointsPage"), "CheckpointsPage");
const DatasetDetailPage = lazyPage(() => import("./pages/datasets/DatasetDetailPage"), "DatasetDetailPage");
const DatasetsPage = lazyPage(() => import("./pages/datasets/DatasetsPage"), "DatasetsPage");
const EvaluationsPage = lazyPage(() => import("./pages/evaluations/EvaluationsPage"), "EvaluationsPage");
const MaskPreviewPage = lazyPage(() => import("./pages/datasets/MaskPreviewPage"), "MaskPreviewPage");
const MixturesPage = lazyPage(() => import("./pages/mixtures/MixturesPage"), "MixturesPage");
const ReportPage = lazyPage(() => import("./pages/datasets/ReportPage"), "ReportPage");
const VersionPage = lazyPage(() => import("./pages/datasets/VersionPage"), "VersionPage");
const ModelsPage = lazyPage(() => import("./pages/models/ModelsPage"), "ModelsPage");
const ModelCatalogPage = lazyPage(() => import("./pages/admin/ModelCatalogPage"), "ModelCatalogPage");
const ModelSourcesPage = lazyPage(() => import("./pages/admin/ModelSourcesPage"), "ModelSourcesPage");
const PlaygroundPage = lazyPage(() => import("./pages/playground/PlaygroundPage"), "PlaygroundPage");
const ApiKeysPage = lazyPage(() => import("./pages/account/ApiKeysPage"), "ApiKeysPage");
const AuditPage = lazyPage(() => import("./pages/admin/AuditPage"), "AuditPage");
const UsersPage = lazyPage(() => import("./pages/admin/UsersPage"), "UsersPage");
const ProjectsPage = lazyPage(() => import("./pages/projects/ProjectsPage"), "ProjectsPage");
const QueuePage = lazyPage(() => import("./pages/admin/QueuePage"), "QueuePage");
const NewRunPage = lazyPage(() => import("./pages/runs/NewRunPage"), "NewRunPage");
const RunDetailPage = lazyPage(() => import("./pages/runs/RunDetailPage"), "RunDetailPage");
const RunsPage = lazyPage(() => import("./pages/runs/RunsPage"), "RunsPage");

const rootRoute = createRootRoute({
  component: Layout,
  notFoundComponent: () => <EmptyState title="Page not found">Pick a page from the menu on the left.</EmptyState>,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/datasets" });
  },
});

const datasetsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/datasets", component: DatasetsPage });

/** `record`: open the record browser at the record with that 1-based number (#1 is the first record). */
export interface RecordSearch {
  record?: number;
}

const recordSearch = (search: Record<string, unknown>): RecordSearch => {
  const record = parseRecordNumber(search.record);
  return record === undefined ? {} : { record };
};

const datasetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId",
  // A report links its findings here.
  validateSearch: recordSearch,
  component: function DatasetRouteView() {
    const { datasetId } = datasetRoute.useParams();
    const { record } = datasetRoute.useSearch();
    return <DatasetDetailPage key={`${datasetId}-${record ?? 0}`} datasetId={datasetId} fromRecord={record} />;
  },
});

const versionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId/versions/$versionId",
  // A cleaning's counts link the records it dropped here, in the version they were dropped from.
  validateSearch: recordSearch,
  component: function VersionRouteView() {
    const { datasetId, versionId } = versionRoute.useParams();
    const { record } = versionRoute.useSearch();
    return <VersionPage key={`${versionId}-${record ?? 0}`} datasetId={datasetId} versionId={versionId} fromRecord={record} />;
  },
});

const reportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId/report",
  component: function ReportRouteView() {
    const { datasetId } = reportRoute.useParams();
    return <ReportPage key={datasetId} datasetId={datasetId} />;
  },
});

export interface MaskSearch {
  /** A catalog model name; absent means tiny-chat (or the catalog's first model). */
  model?: string;
  loss_on?: LossOn;
  /** A version of the dataset to read the record from; absent means the upload. */
  version?: string;
}

const maskPreviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId/records/$index/mask",
  validateSearch: (search: Record<string, unknown>): MaskSearch => ({
    ...(typeof search.model === "string" && search.model ? { model: search.model } : {}),
    ...(isLossOn(search.loss_on) ? { loss_on: search.loss_on } : {}),
    ...(typeof search.version === "string" && search.version ? { version: search.version } : {}),
  }),
  component: function MaskPreviewRouteView() {
    const { datasetId, index } = maskPreviewRoute.useParams();
    const { model, loss_on, version } = maskPreviewRoute.useSearch();
    const record = parseRecordIndex(index);
    if (record === null) {
      return (
        <EmptyState title={`"${index}" is not a record number`}>
          Open a record&apos;s loss mask from its dataset page.
        </EmptyState>
      );
    }
    return <MaskPreviewPage datasetId={datasetId} versionId={version} index={record} model={model} lossOn={loss_on} />;
  },
});

const mixturesRoute = createRoute({ getParentRoute: () => rootRoute, path: "/mixtures", component: MixturesPage });

const runsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/runs", component: RunsPage });

const newRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/runs/new",
  // `dataset` (and `version`, one of its versions), or `mixture`: what the form starts on.
  validateSearch: (search: Record<string, unknown>): { dataset?: string; version?: string; mixture?: string } => ({
    ...(typeof search.dataset === "string" ? { dataset: search.dataset } : {}),
    ...(typeof search.dataset === "string" && typeof search.version === "string" ? { version: search.version } : {}),
    ...(typeof search.mixture === "string" ? { mixture: search.mixture } : {}),
  }),
  component: function NewRunRouteView() {
    const { dataset, version, mixture } = newRunRoute.useSearch();
    return <NewRunPage initialDataset={dataset} initialVersion={version} initialMixture={mixture} />;
  },
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/runs/$runId",
  component: function RunRouteView() {
    const { runId } = runRoute.useParams();
    return <RunDetailPage key={runId} runId={runId} />;
  },
});

const checkpointsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/checkpoints", component: CheckpointsPage });
const evaluationsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/evaluations", component: EvaluationsPage });
const comparisonsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/comparisons", component: ComparisonsPage });

const rateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/comparisons/$comparisonId/rate",
  component: function RateRouteView() {
    const { comparisonId } = rateRoute.useParams();
    return <RatePage key={comparisonId} comparisonId={comparisonId} />;
  },
});

const comparisonResultsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/comparisons/$comparisonId/results",
  component: function ComparisonResultsRouteView() {
    const { comparisonId } = comparisonResultsRoute.useParams();
    return <ResultsPage key={comparisonId} comparisonId={comparisonId} />;
  },
});

const modelsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/models", component: ModelsPage });
const adminModelsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/admin/models", component: ModelCatalogPage });
const adminSourcesRoute = createRoute({ getParentRoute: () => rootRoute, path: "/admin/model-sources", component: ModelSourcesPage });
const playgroundRoute = createRoute({ getParentRoute: () => rootRoute, path: "/playground", component: PlaygroundPage });
const projectsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/projects", component: ProjectsPage });

const keysRoute = createRoute({ getParentRoute: () => rootRoute, path: "/keys", component: ApiKeysPage });
const adminUsersRoute = createRoute({ getParentRoute: () => rootRoute, path: "/admin/users", component: UsersPage });
const adminAuditRoute = createRoute({ getParentRoute: () => rootRoute, path: "/admin/audit", component: AuditPage });
const adminQueueRoute = createRoute({ getParentRoute: () => rootRoute, path: "/admin/queue", component: QueuePage });

export const routeTree = rootRoute.addChildren([
  indexRoute,
  datasetsRoute,
  datasetRoute,
  versionRoute,
  reportRoute,
  maskPreviewRoute,
  mixturesRoute,
  runsRoute,
  newRunRoute,
  runRoute,
  checkpointsRoute,
  evaluationsRoute,
  comparisonsRoute,
  rateRoute,
  comparisonResultsRoute,
  modelsRoute,
  adminModelsRoute,
  adminSourcesRoute,
  playgroundRoute,
  keysRoute,
  adminUsersRoute,
  adminAuditRoute,
  projectsRoute,
  adminQueueRoute,
]);

export const router = createRouter({ routeTree, defaultPreload: "intent" });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
