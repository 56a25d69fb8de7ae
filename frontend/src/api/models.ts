import { useQuery } from "@tanstack/react-query";
import { api } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

export function useModels() {
  return useQuery({
    queryKey: queryKeys.models,
    queryFn: async () => unwrap(await api.GET("/api/models")),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}
