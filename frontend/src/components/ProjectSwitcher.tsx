import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useProjects } from "../api/projects";
import { queryKeys } from "../api/keys";
import { setCurrentProject, useCurrentProject } from "../lib/currentProject";

/** Which project the pages show and where new datasets, evaluations and studies go; "All projects" shows every
 * project you belong to and creates in your default one. */
export function ProjectSwitcher() {
  const projects = useProjects();
  const current = useCurrentProject();
  const queryClient = useQueryClient();

  function choose(projectId: string | null) {
    setCurrentProject(projectId);
    // Every list was fetched for the old project: drop them all (but the project list) and fetch again.
    void queryClient.resetQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.projects[0] });
  }

  // A remembered project that is gone (deleted, or you were removed from it) falls back to all projects.
  const known = projects.data?.some((p) => p.id === current) ?? true;
  useEffect(() => {
    if (current && !known) choose(null);
  });

  return (
    <label className="project-switcher">
      <span className="project-switcher__label">Project</span>
      <select
        value={current ?? ""}
        onChange={(e) => choose(e.target.value || null)}
        data-testid="project-switcher"
        disabled={!projects.data}
      >
        <option value="">All projects</option>
        {(projects.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}
