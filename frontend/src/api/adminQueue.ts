import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** The admin's view of the pool and the queue; polled so utilisation bars and positions stay live. */
export function useAdminQueue(pollMs = 3_000) {
  return useQuery({
    queryKey: queryKeys.adminQueue,
    queryFn: async () => unwrap(await api.GET("/api/admin/queue")),
    refetchInterval: pollMs,
  });
}

function useQueueMutation<T>(call: (arg: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.adminQueue }),
        queryClient.invalidateQueries({ queryKey: queryKeys.runs }),
      ]),
  });
}

export type QueueRunAction = "move-to-top" | "preempt" | "pause" | "resume" | "cancel";

export function useQueueRunAction() {
  return useQueueMutation(async ({ runId, action }: { runId: string; action: QueueRunAction }) => {
    const params = { params: { path: { run_id: runId } } };
    switch (action) {
      case "move-to-top":
        return unwrap(await api.POST("/api/admin/queue/runs/{run_id}/move-to-top", params));
      case "preempt":
        return unwrap(await api.POST("/api/admin/queue/runs/{run_id}/preempt", params));
      case "pause":
        return unwrap(await api.POST("/api/admin/queue/runs/{run_id}/pause", params));
      case "resume":
        return unwrap(await api.POST("/api/admin/queue/runs/{run_id}/resume", params));
      case "cancel":
        return unwrap(await api.POST("/api/admin/queue/runs/{run_id}/cancel", params));
    }
  });
}

export function useSetPriority() {
  return useQueueMutation(async ({ runId, priority }: { runId: string; priority: number }) =>
    unwrap(
      await api.POST("/api/admin/queue/runs/{run_id}/priority", {
        params: { path: { run_id: runId } },
        body: { priority },
      }),
    ),
  );
}

export function useDrainWorker() {
  return useQueueMutation(async ({ name, drained }: { name: string; drained: boolean }) => {
    const params = { params: { path: { name } } };
    return drained
      ? unwrap(await api.POST("/api/admin/workers/{name}/drain", params))
      : unwrap(await api.POST("/api/admin/workers/{name}/undrain", params));
  });
}

export function useSetQuota() {
  return useQueueMutation(
    async ({ userId, maxGpus, maxRuns }: { userId: string; maxGpus: number | null; maxRuns: number | null }) =>
      unwrap(
        await api.PUT("/api/admin/quotas/{user_id}", {
          params: { path: { user_id: userId } },
          body: { max_gpus: maxGpus, max_runs: maxRuns },
        }),
      ),
  );
}

export function useProjectQuotas() {
  return useQuery({
    queryKey: queryKeys.projectQuotas,
    queryFn: async () => unwrap(await api.GET("/api/admin/project-quotas")),
  });
}

export function useSetProjectQuota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ projectId, maxGpus, maxRuns }: { projectId: string; maxGpus: number | null; maxRuns: number | null }) =>
      unwrap(
        await api.PUT("/api/admin/project-quotas/{project_id}", {
          params: { path: { project_id: projectId } },
          body: { max_gpus: maxGpus, max_runs: maxRuns },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.projectQuotas }),
        queryClient.invalidateQueries({ queryKey: queryKeys.adminQueue }),
      ]),
  });
}
