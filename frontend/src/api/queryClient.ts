import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { asApiError } from "./errors";
import { notifyUnauthorized } from "./session";

// One place for 401 handling: any query or mutation that comes back 401 raises the sign-in banner.
function onError(error: unknown): void {
  if (asApiError(error).status === 401) notifyUnauthorized();
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        // 4xx answers will not change by asking again.
        retry: (count, error) => {
          const status = asApiError(error).status;
          return count < 2 && (status === 0 || status >= 500);
        },
      },
    },
  });
}
