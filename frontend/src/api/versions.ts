import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type CleaningCreate, type DatasetVersion, type SplitCreate } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

export const isVersionActive = (version: Pick<DatasetVersion, "status">): boolean =>
  version.status === "queued" || version.status === "running";

/** The dataset's versions, newest first; polls every second while one is being cleaned. */
export function useVersions(datasetId: string) {
  return useQuery({
    queryKey: queryKeys.versions(datasetId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/datasets/{dataset_id}/versions", {
          params: { path: { dataset_id: datasetId }, query: { limit: 100 } },
        }),
      ).items,
    enabled: datasetId !== "",
    refetchInterval: (query) => (query.state.data?.some(isVersionActive) ? 1_000 : false),
  });
}

/** One version; polls while it is being cleaned, so its page fills in when it succeeds. */
export function useVersion(versionId: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.version(versionId ?? ""),
    queryFn: async () =>
      unwrap(await api.GET("/api/dataset-versions/{version_id}", { params: { path: { version_id: versionId ?? "" } } })),
    enabled: Boolean(versionId),
    refetchInterval: (query) => (query.state.data && isVersionActive(query.state.data) ? 1_000 : false),
  });
}

export function useCleanDataset(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CleaningCreate) =>
      unwrap(await api.POST("/api/datasets/{dataset_id}/clean", { params: { path: { dataset_id: datasetId } }, body })),
    onSuccess: (version) => {
      queryClient.setQueryData<DatasetVersion[]>(queryKeys.versions(datasetId), (old) => [version, ...(old ?? [])]);
    },
  });
}

export function useSplitDataset(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: SplitCreate) =>
      unwrap(await api.POST("/api/datasets/{dataset_id}/split", { params: { path: { dataset_id: datasetId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.versions(datasetId) }),
  });
}
