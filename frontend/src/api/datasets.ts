import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../client";
import { uploadDataset } from "../client/upload";
import { toApiError, unwrap } from "./errors";
import { queryKeys } from "./keys";

const PAGE = 50;
const RECORDS_PAGE = 20;

export function useDatasets() {
  return useInfiniteQuery({
    queryKey: queryKeys.datasets,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(await api.GET("/api/datasets", { params: { query: { cursor: pageParam, limit: PAGE } } })),
    getNextPageParam: (last) => last.next_cursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}

export function useDataset(datasetId: string) {
  return useQuery({
    queryKey: queryKeys.dataset(datasetId),
    queryFn: async () =>
      unwrap(await api.GET("/api/datasets/{dataset_id}", { params: { path: { dataset_id: datasetId } } })),
  });
}

export function useDatasetRecords(datasetId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.datasetRecords(datasetId),
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/datasets/{dataset_id}/records", {
          params: { path: { dataset_id: datasetId }, query: { offset: pageParam, limit: RECORDS_PAGE } },
        }),
      ),
    getNextPageParam: (last) => last.next_offset,
  });
}

export interface UploadVariables {
  file: File;
  name?: string;
}

/** Upload with progress: `progress` is 0–100 while bytes go out, null before the first upload. */
export function useUploadDataset() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ file, name }: UploadVariables) => {
      setProgress(0);
      try {
        return await uploadDataset({ file, name: name?.trim() || null, onProgress: setProgress });
      } catch (failure) {
        const { status, body } = failure as { status: number; body: unknown };
        throw toApiError(status ?? 0, body);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.datasets }),
  });
  return { ...mutation, progress };
}
