import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type UserCreate, type UserUpdate } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";
import { clearUnauthorized } from "./session";

/** Who is signed in (and their role); a 401 here means nobody is. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => unwrap(await api.GET("/api/auth/me")),
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; password: string }) => unwrap(await api.POST("/api/auth/login", { body })),
    onSuccess: (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      clearUnauthorized();
      // Whatever failed with 401 before is worth asking again, now as this user.
      void queryClient.invalidateQueries();
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/auth/logout")),
    onSuccess: () => {
      queryClient.clear();
      window.location.assign("/");
    },
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys,
    queryFn: async () => unwrap(await api.GET("/api/keys")).items,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => unwrap(await api.POST("/api/keys", { body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (keyId: string) =>
      unwrap(await api.DELETE("/api/keys/{key_id}", { params: { path: { key_id: keyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => unwrap(await api.GET("/api/admin/users", { params: { query: { limit: 200 } } })).items,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreate) => unwrap(await api.POST("/api/admin/users", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, ...body }: UserUpdate & { userId: string }) =>
      unwrap(await api.PATCH("/api/admin/users/{user_id}", { params: { path: { user_id: userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUserKeys(userId: string | null) {
  return useQuery({
    queryKey: queryKeys.userKeys(userId ?? ""),
    enabled: userId !== null,
    queryFn: async () =>
      unwrap(await api.GET("/api/admin/users/{user_id}/keys", { params: { path: { user_id: userId ?? "" } } })).items,
  });
}

export function useCreateUserKey(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) =>
      unwrap(await api.POST("/api/admin/users/{user_id}/keys", { params: { path: { user_id: userId } }, body: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.userKeys(userId) }),
  });
}

export function useRevokeUserKey(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (keyId: string) =>
      unwrap(
        await api.DELETE("/api/admin/users/{user_id}/keys/{key_id}", {
          params: { path: { user_id: userId, key_id: keyId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.userKeys(userId) }),
  });
}

/** The audit log, newest first, a page at a time. */
export function useAudit(actor: string, action: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(actor, action),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/admin/audit", {
          params: { query: { actor: actor || null, action: action || null, cursor: pageParam, limit: 50 } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });
}
