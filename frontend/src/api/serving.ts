import { useQuery } from "@tanstack/react-query";
import { api } from "../client";
import { getCurrentProject } from "../lib/currentProject";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** Catalog models and checkpoints of succeeded runs: what the playground can chat with. */
export function useServableModels() {
  return useQuery({
    queryKey: queryKeys.servableModels,
    queryFn: async () => unwrap(await api.GET("/api/serving/models", { params: { query: { project_id: getCurrentProject() } } })),
    select: (data) => data.items,
  });
}
