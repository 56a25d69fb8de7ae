// Admin: the model catalog's families and the allow-list of model sources. Every change also refreshes the
// public catalog (GET /api/models), which the run form reads.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type FamilyCreate, type FamilyUpdate, type SourceCreate } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

export function useModelFamilies() {
  return useQuery({
    queryKey: queryKeys.adminModels,
    queryFn: async () => unwrap(await api.GET("/api/admin/models")).items,
  });
}

function useCatalogMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.adminModels }),
        queryClient.invalidateQueries({ queryKey: queryKeys.models }),
        queryClient.invalidateQueries({ queryKey: queryKeys.modelSources }),
      ]);
    },
  });
}

export function useAddFamily() {
  return useCatalogMutation(async (body: FamilyCreate) => unwrap(await api.POST("/api/admin/models", { body })));
}

export function useUpdateFamily() {
  return useCatalogMutation(async ({ family, body }: { family: string; body: FamilyUpdate }) =>
    unwrap(await api.PATCH("/api/admin/models/{family}", { params: { path: { family } }, body })),
  );
}

export function useRetireFamily() {
  return useCatalogMutation(async ({ family, retire }: { family: string; retire: boolean }) => {
    const params = { params: { path: { family } } };
    return unwrap(
      retire
        ? await api.POST("/api/admin/models/{family}/retire", params)
        : await api.POST("/api/admin/models/{family}/restore", params),
    );
  });
}

export function useDeleteFamily() {
  return useCatalogMutation(async (family: string) =>
    unwrap(await api.DELETE("/api/admin/models/{family}", { params: { path: { family } } })),
  );
}

export function useModelSources() {
  return useQuery({
    queryKey: queryKeys.modelSources,
    queryFn: async () => unwrap(await api.GET("/api/admin/model-sources")).items,
  });
}

export function useAddSource() {
  return useCatalogMutation(async (body: SourceCreate) => unwrap(await api.POST("/api/admin/model-sources", { body })));
}

export function useDeleteSource() {
  return useCatalogMutation(async (sourceId: string) =>
    unwrap(await api.DELETE("/api/admin/model-sources/{source_id}", { params: { path: { source_id: sourceId } } })),
  );
}
