// A tiny store for "the server said 401". The layout shows a banner; nothing else needs to know.
import { useSyncExternalStore } from "react";

let unauthorized = false;
const listeners = new Set<() => void>();

export function notifyUnauthorized(): void {
  if (unauthorized) return;
  unauthorized = true;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUnauthorized(): boolean {
  return useSyncExternalStore(subscribe, () => unauthorized);
}
