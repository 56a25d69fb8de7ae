import { afterEach, describe, expect, it } from "vitest";
import { getCurrentProject, PROJECT_STORAGE_KEY, setCurrentProject } from "./currentProject";

describe("current project", () => {
  afterEach(() => window.localStorage.clear());

  it("is remembered in localStorage and cleared back to all projects", () => {
    expect(getCurrentProject()).toBeNull();
    setCurrentProject("prj_a");
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBe("prj_a");
    expect(getCurrentProject()).toBe("prj_a");
    setCurrentProject(null);
    expect(getCurrentProject()).toBeNull();
    expect(window.localStorage.getItem(PROJECT_STORAGE_KEY)).toBeNull();
  });
});
