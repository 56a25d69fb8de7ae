// A tiny store for "the server said 401". The layout then shows the sign-in page; nothing else needs to know.
import { useSyncExternalStore } from "react";

let unauthorized = false;
const listeners = new Set<() => void>();

export function notifyUnauthorized(): void {
  if (unauthorized) return;
  unauthorized = true;
  listeners.forEach((l) => l());
}

/** After signing in: the app shows its pages again. */
export function clearUnauthorized(): void {
  if (!unauthorized) return;
  unauthorized = false;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnauthorized(): boolean {
  return useSyncExternalStore(subscribe, () => unauthorized);
}
