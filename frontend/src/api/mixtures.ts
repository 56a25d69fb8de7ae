import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type MixtureCreate } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** Mixtures, newest first; polls while one is being materialised. */
export function useMixtures() {
  return useQuery({
    queryKey: queryKeys.mixtures,
    queryFn: async () => unwrap(await api.GET("/api/mixtures", { params: { query: { limit: 50 } } })).items,
    refetchInterval: (query) =>
      query.state.data?.some((m) => m.status === "queued" || m.status === "running") ? 1_000 : false,
  });
}

/** One mixture (the New Run form names the one it trains on); disabled without an id. */
export function useMixture(mixtureId: string) {
  return useQuery({
    queryKey: queryKeys.mixture(mixtureId),
    queryFn: async () => unwrap(await api.GET("/api/mixtures/{mixture_id}", { params: { path: { mixture_id: mixtureId } } })),
    enabled: mixtureId !== "",
  });
}

/** The live token budget of a recipe; null until every source names a version. */
export function useMixturePreview(body: MixtureCreate | null) {
  return useQuery({
    queryKey: queryKeys.mixturePreview(body),
    queryFn: async () => unwrap(await api.POST("/api/mixtures/preview", { body: body as MixtureCreate })),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useCreateMixture() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: MixtureCreate) => unwrap(await api.POST("/api/mixtures", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mixtures }),
  });
}
