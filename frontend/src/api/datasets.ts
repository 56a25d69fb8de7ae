import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../client";
import { uploadDataset, type UploadOptions } from "../client/upload";
import { getCurrentProject } from "../lib/currentProject";
import type { LossOn } from "../lib/maskPreview";
import { asApiError, toApiError, unwrap } from "./errors";
import { queryKeys } from "./keys";

const PAGE = 50;
const RECORDS_PAGE = 20;

export function useDatasets() {
  return useInfiniteQuery({
    queryKey: queryKeys.datasets,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/datasets", {
          params: { query: { cursor: pageParam, limit: PAGE, project_id: getCurrentProject() } },
        }),
      ),
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

/** Whose records a browser reads: the dataset's own (its upload), or one of its versions'. */
export interface RecordSource {
  datasetId: string;
  versionId?: string;
}

/** The records from `offset` on (a report links straight to a flagged record), or those whose text holds `q`. */
export function useRecords({ datasetId, versionId }: RecordSource, offset = 0, q = "") {
  const search = q.trim();
  return useInfiniteQuery({
    queryKey: versionId ? queryKeys.versionRecords(versionId, offset, search) : queryKeys.datasetRecords(datasetId, offset, search),
    initialPageParam: offset,
    queryFn: async ({ pageParam }) => {
      const query = { offset: pageParam, limit: RECORDS_PAGE, ...(search ? { q: search } : {}) };
      if (versionId) {
        return unwrap(await api.GET("/api/dataset-versions/{version_id}/records", { params: { path: { version_id: versionId }, query } }));
      }
      return unwrap(await api.GET("/api/datasets/{dataset_id}/records", { params: { path: { dataset_id: datasetId }, query } }));
    },
    getNextPageParam: (last) => last.next_offset,
  });
}

/** The bad records set aside when the dataset was uploaded with on_invalid=quarantine. */
export function useDatasetQuarantine(datasetId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.datasetQuarantine(datasetId),
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/datasets/{dataset_id}/quarantine", {
          params: { path: { dataset_id: datasetId }, query: { offset: pageParam, limit: RECORDS_PAGE } },
        }),
      ),
    getNextPageParam: (last) => last.next_offset,
  });
}

export interface MaskPreviewArgs {
  datasetId: string;
  /** Read the record from this version of the dataset rather than from the upload. */
  versionId?: string;
  index: number;
  /** A catalog model name (not a family); "" waits until one is known. */
  model: string;
  lossOn: LossOn;
}

/**
 * One record rendered with a model's chat template, token by token, each marked trained or not. A CPU worker renders
 * it, so it can take seconds; 503 means no worker answered (asking again at once would only wait again), 422 that
 * the record cannot be rendered with that template. Records and templates do not change, so answers are kept.
 */
export function useMaskPreview({ datasetId, versionId, index, model, lossOn }: MaskPreviewArgs) {
  const query = { model, loss_on: lossOn };
  return useQuery({
    queryKey: queryKeys.maskPreview(datasetId, versionId, index, model, lossOn),
    queryFn: async () =>
      unwrap(
        versionId
          ? await api.GET("/api/dataset-versions/{version_id}/records/{index}/mask-preview", {
              params: { path: { version_id: versionId, index }, query },
            })
          : await api.GET("/api/datasets/{dataset_id}/records/{index}/mask-preview", {
              params: { path: { dataset_id: datasetId, index }, query },
            }),
      ),
    enabled: model !== "",
    staleTime: 10 * 60_000,
    retry: (count, error) => count < 1 && asApiError(error).status === 0,
  });
}

/** Every format the server reads, with an example record each, and the accepted file types. Fixed per server. */
export function useDatasetFormats() {
  return useQuery({
    queryKey: queryKeys.datasetFormats,
    queryFn: async () => unwrap(await api.GET("/api/datasets/formats")),
    staleTime: Infinity,
  });
}

export interface UploadVariables {
  file: File;
  name?: string;
  format?: UploadOptions["format"];
  columns?: UploadOptions["columns"];
  onInvalid?: UploadOptions["onInvalid"];
}

/** Upload with progress: `progress` is 0–100 while bytes go out, null before the first upload. */
export function useUploadDataset() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ file, name, format, columns, onInvalid }: UploadVariables) => {
      setProgress(0);
      try {
        return await uploadDataset({
          file,
          name: name?.trim() || null,
          format,
          columns,
          onInvalid,
          projectId: getCurrentProject(),
          onProgress: setProgress,
        });
      } catch (failure) {
        const { status, body } = failure as { status: number; body: unknown };
        throw toApiError(status ?? 0, body);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.datasets }),
  });
  return { ...mutation, progress };
}
