import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Report } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

export const isReportActive = (report: Pick<Report, "status"> | undefined): boolean =>
  report?.status === "queued" || report?.status === "running";

/** The dataset's reports, latest first; polls every second while the latest is queued or running. */
export function useReports(datasetId: string) {
  return useQuery({
    queryKey: queryKeys.reports(datasetId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/datasets/{dataset_id}/reports", {
          params: { path: { dataset_id: datasetId }, query: { limit: 20 } },
        }),
      ).items,
    refetchInterval: (query) => (isReportActive(query.state.data?.[0]) ? 1_000 : false),
  });
}

export interface ReportRequest {
  model: string;
  compare_with?: string | null;
  near_duplicate_threshold: number;
}

export function useCreateReport(datasetId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReportRequest) =>
      unwrap(
        await api.POST("/api/datasets/{dataset_id}/reports", {
          params: { path: { dataset_id: datasetId } },
          body: { ...body, compare_with: body.compare_with || null },
        }),
      ),
    onSuccess: (report) => {
      queryClient.setQueryData<Report[]>(queryKeys.reports(datasetId), (old) => [report, ...(old ?? [])]);
    },
  });
}
