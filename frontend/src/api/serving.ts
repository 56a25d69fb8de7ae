import { useQuery } from "@tanstack/react-query";
import { api } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** Catalog models and checkpoints of succeeded runs: what the playground can chat with. */
export function useServableModels() {
  return useQuery({
    queryKey: queryKeys.servableModels,
    queryFn: async () => unwrap(await api.GET("/api/serving/models")),
    select: (data) => data.items,
  });
}
