import { describe, expect, it } from "vitest";
import { makeVersion } from "../test/fixtures";
import { defaultRunVersion, describeVersion, effectiveVersionId, runVersionChoices, versionOptionLabel } from "./versions";

const version = makeVersion;

const upload = version({});
const cleaned = version({ id: "dsv_2", number: 2, parent_id: "dsv_1", operation: "clean", record_count: 40, sha256: "aa11bb22cc33dd44ee" });
const train = version({ id: "dsv_3", number: 3, parent_id: "dsv_2", operation: "split", role: "train", parameters: { seed: 42 }, record_count: 36 });
const held = version({ id: "dsv_4", number: 4, parent_id: "dsv_2", operation: "split", role: "eval", parameters: { seed: 42 }, record_count: 4 });
const running = version({ id: "dsv_5", number: 5, parent_id: "dsv_3", operation: "clean", status: "running", sha256: null, record_count: null });
const emptied = version({ id: "dsv_6", number: 6, parent_id: "dsv_1", operation: "clean", record_count: 0 });
const byId = new Map([upload, cleaned, train, held].map((v) => [v.id, v]));

describe("dataset versions", () => {
  it("describes each version's lineage", () => {
    expect(describeVersion(upload, byId)).toBe("upload");
    expect(describeVersion(cleaned, byId)).toBe("cleaned of v1");
    expect(describeVersion(held, byId)).toBe("split of v2 (eval, seed 42)");
  });

  it("defaults to the newest succeeded version that is not an eval split, as the server does", () => {
    expect(defaultRunVersion([held, train, cleaned, upload])?.id).toBe("dsv_3");
    expect(defaultRunVersion([running, held, cleaned, upload])?.id).toBe("dsv_2");
    expect(defaultRunVersion([upload])?.id).toBe("dsv_1");
    expect(defaultRunVersion([upload, cleaned, train, held, running])?.id).toBe("dsv_3"); // order does not matter
  });

  it("offers the succeeded versions with records, newest first", () => {
    expect(runVersionChoices([upload, emptied, running, held, train, cleaned]).map((v) => v.number)).toEqual([4, 3, 2, 1]);
  });

  it("keeps a chosen version while it is offered, else falls back to the default", () => {
    const all = [held, train, cleaned, upload];
    expect(effectiveVersionId(undefined, "dsv_2")).toBeUndefined();
    expect(effectiveVersionId(all, "")).toBe("dsv_3");
    expect(effectiveVersionId(all, "dsv_4")).toBe("dsv_4");
    expect(effectiveVersionId(all, "dsv_other")).toBe("dsv_3"); // e.g. a version of the previously chosen dataset
    // A default with no records cannot train: send nothing and let the server explain.
    expect(effectiveVersionId([emptied, upload], "")).toBeUndefined();
  });

  it("labels an option with its number, lineage, size and hash", () => {
    expect(versionOptionLabel(cleaned, byId)).toBe("v2 · cleaned of v1 · 40 records · aa11bb22cc33");
  });
});
