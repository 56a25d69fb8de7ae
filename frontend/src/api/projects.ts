import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ProjectCreate } from "../client";
import { toApiError, unwrap } from "./errors";
import { queryKeys } from "./keys";

/** Your projects (every project, for admins), by name. */
export function useProjects() {
  return useQuery({
    queryKey: queryKeys.projects,
    queryFn: async () => unwrap(await api.GET("/api/projects")),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProjectCreate) => unwrap(await api.POST("/api/projects", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}

export function useProjectMembers(projectId: string) {
  return useQuery({
    queryKey: queryKeys.projectMembers(projectId),
    queryFn: async () =>
      unwrap(await api.GET("/api/projects/{project_id}/members", { params: { path: { project_id: projectId } } })),
    select: (data) => data.items,
  });
}

export function useAddMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (email: string) =>
      unwrap(
        await api.POST("/api/projects/{project_id}/members", { params: { path: { project_id: projectId } }, body: { email } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projectMembers(projectId) }),
  });
}

export function useRemoveMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      const { error, response } = await api.DELETE("/api/projects/{project_id}/members/{user_id}", {
        params: { path: { project_id: projectId, user_id: userId } },
      });
      if (!response.ok) throw toApiError(response.status, error);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.projectMembers(projectId) }),
  });
}
