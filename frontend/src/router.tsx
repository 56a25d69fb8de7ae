import { createRootRoute, createRoute, createRouter, redirect } from "@tanstack/react-router";
import { Layout } from "./components/Layout";
import { EmptyState } from "./components/EmptyState";
import { ComparisonsPage } from "./pages/comparisons/ComparisonsPage";
import { RatePage } from "./pages/comparisons/RatePage";
import { ResultsPage } from "./pages/comparisons/ResultsPage";
import { CheckpointsPage } from "./pages/checkpoints/CheckpointsPage";
import { DatasetDetailPage } from "./pages/datasets/DatasetDetailPage";
import { DatasetsPage } from "./pages/datasets/DatasetsPage";
import { EvaluationsPage } from "./pages/evaluations/EvaluationsPage";
import { MaskPreviewPage } from "./pages/datasets/MaskPreviewPage";
import { MixturesPage } from "./pages/mixtures/MixturesPage";
import { ReportPage } from "./pages/datasets/ReportPage";
import { ModelsPage } from "./pages/models/ModelsPage";
import { ModelCatalogPage } from "./pages/admin/ModelCatalogPage";
import { ModelSourcesPage } from "./pages/admin/ModelSourcesPage";
import { PlaygroundPage } from "./pages/playground/PlaygroundPage";
import { ApiKeysPage } from "./pages/account/ApiKeysPage";
import { AuditPage } from "./pages/admin/AuditPage";
import { UsersPage } from "./pages/admin/UsersPage";
import { ProjectsPage } from "./pages/projects/ProjectsPage";
import { QueuePage } from "./pages/admin/QueuePage";
import { NewRunPage } from "./pages/runs/NewRunPage";
import { RunDetailPage } from "./pages/runs/RunDetailPage";
import { RunsPage } from "./pages/runs/RunsPage";
import { isLossOn, parseRecordIndex, type LossOn } from "./lib/maskPreview";

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

const datasetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId",
  // `record`: open the record browser at that record (a report links its findings here).
  validateSearch: (search: Record<string, unknown>): { record?: number } => {
    const record = Number(search.record);
    return Number.isInteger(record) && record >= 0 ? { record } : {};
  },
  component: function DatasetRouteView() {
    const { datasetId } = datasetRoute.useParams();
    const { record } = datasetRoute.useSearch();
    return <DatasetDetailPage key={`${datasetId}-${record ?? 0}`} datasetId={datasetId} fromRecord={record} />;
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
}

const maskPreviewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/datasets/$datasetId/records/$index/mask",
  validateSearch: (search: Record<string, unknown>): MaskSearch => ({
    ...(typeof search.model === "string" && search.model ? { model: search.model } : {}),
    ...(isLossOn(search.loss_on) ? { loss_on: search.loss_on } : {}),
  }),
  component: function MaskPreviewRouteView() {
    const { datasetId, index } = maskPreviewRoute.useParams();
    const { model, loss_on } = maskPreviewRoute.useSearch();
    const record = parseRecordIndex(index);
    if (record === null) {
      return (
        <EmptyState title={`"${index}" is not a record number`}>
          Open a record&apos;s loss mask from its dataset page.
        </EmptyState>
      );
    }
    return <MaskPreviewPage datasetId={datasetId} index={record} model={model} lossOn={loss_on} />;
  },
});

const mixturesRoute = createRoute({ getParentRoute: () => rootRoute, path: "/mixtures", component: MixturesPage });

const runsRoute = createRoute({ getParentRoute: () => rootRoute, path: "/runs", component: RunsPage });

const newRunRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/runs/new",
  validateSearch: (search: Record<string, unknown>): { dataset?: string } =>
    typeof search.dataset === "string" ? { dataset: search.dataset } : {},
  component: function NewRunRouteView() {
    const { dataset } = newRunRoute.useSearch();
    return <NewRunPage initialDataset={dataset} />;
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
