// The project the UI works in, chosen in the layout's switcher and kept in localStorage. `null` means every project
// you can see: lists show them all and new objects go to your default project.
import { useSyncExternalStore } from "react";

export const PROJECT_STORAGE_KEY = "tunewright.project";

const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.localStorage.getItem(PROJECT_STORAGE_KEY) || null;
  } catch {
    return null; // storage disabled: work in all projects
  }
}

export function getCurrentProject(): string | null {
  return read();
}

/** A create body sent into the current project (left as it is for all projects: the server picks the default). */
export function inCurrentProject<T extends object>(body: T): T & { project_id?: string } {
  const projectId = read();
  return projectId ? { ...body, project_id: projectId } : body;
}

export function setCurrentProject(projectId: string | null): void {
  try {
    if (projectId) window.localStorage.setItem(PROJECT_STORAGE_KEY, projectId);
    else window.localStorage.removeItem(PROJECT_STORAGE_KEY);
  } catch {
    // storage disabled: the choice lasts until the page reloads
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCurrentProject(): string | null {
  return useSyncExternalStore(subscribe, read);
}
