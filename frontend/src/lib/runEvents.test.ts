import { describe, expect, it } from "vitest";
import type { RunEvent } from "../client";
import { applyEvents, endRun, initialRunLiveState, MAX_LOG_LINES } from "./runEvents";

let nextId = 1;
function ev(kind: RunEvent["kind"], data: Record<string, unknown>, step: number | null = null, id = nextId++): RunEvent {
  return { id, run_id: "run_1", kind, step, data, created_at: "2026-01-01T12:00:00Z" };
}
const metric = (step: number, loss: number, lr = 1e-3, id?: number) =>
  ev("metric", { step, epoch: step / 10, loss, learning_rate: lr, grad_norm: 1, tokens_per_second: 100, total_steps: 10 }, step, id);

describe("applyEvents", () => {
  it("accumulates the loss and learning-rate series and the progress from metric events", () => {
    const s = applyEvents(initialRunLiveState, [metric(1, 2.5, 1e-4), metric(2, 2.0, 2e-4), metric(3, 1.5, 1.5e-4)]);
    expect(s.steps).toEqual([1, 2, 3]);
    expect(s.losses).toEqual([2.5, 2.0, 1.5]);
    expect(s.lrSteps).toEqual([1, 2, 3]);
    expect(s.learningRates).toEqual([1e-4, 2e-4, 1.5e-4]);
    expect(s.progress).toEqual({ step: 3, totalSteps: 10, epoch: 0.3, loss: 1.5 });
    expect(s.lines).toHaveLength(0); // metrics are charted, not logged
  });

  it("charts the reward accuracy and margin of preference stages, replacing steps a resumed run repeats", () => {
    const reward = (step: number, accuracy: number, margin: number) =>
      ev("metric", { step, loss: 0.6, extra: { "rewards/accuracy": accuracy, "rewards/margin": margin, "rewards/chosen": 0.1 } }, step);
    let s = applyEvents(initialRunLiveState, [reward(1, 0, 0), reward(2, 0.5, 0.2), reward(3, 0.75, 0.4), metric(4, 0.5)]);
    expect(s.rewardSteps).toEqual([1, 2, 3]);
    expect(s.rewardAccuracy).toEqual([0, 0.5, 0.75]);
    expect(s.rewardMargin).toEqual([0, 0.2, 0.4]);
    s = applyEvents(s, [reward(3, 1, 0.9)]);
    expect([s.rewardSteps, s.rewardAccuracy, s.rewardMargin]).toEqual([[1, 2, 3], [0, 0.5, 1], [0, 0.2, 0.9]]);
    expect(applyEvents(initialRunLiveState, [metric(1, 2)]).rewardSteps).toEqual([]);
  });

  it("turns log, status and checkpoint events into log lines, in id order", () => {
    const status = ev("status", { status: "running", worker: "gpu0", attempt: 1 }, null, 101);
    const log = ev("log", { level: "warning", message: "3 records truncated" }, null, 102);
    const ckpt = ev("checkpoint", { checkpoint_id: "ckpt_1", path: "/a/checkpoint-5", loss: 1.23456 }, 5, 103);
    const s = applyEvents({ ...initialRunLiveState, lastId: 100 }, [ckpt, status, log]);
    expect(s.lines.map((l) => l.text)).toEqual([
      "status → running (attempt 1, gpu0)",
      "3 records truncated",
      "checkpoint saved at step 5, loss 1.2346 → /a/checkpoint-5",
    ]);
    expect(s.lines[1].level).toBe("warning");
    expect(s.status).toBe("running");
    expect(s.checkpoints).toBe(1);
    expect(s.lastId).toBe(103);
  });

  it("keeps the record a log line is about (validation failures)", () => {
    const bad = ev("log", { level: "error", message: "record #4 (index 3): roles must alternate", record: 3 }, null, 151);
    const plain = ev("log", { level: "info", message: "data checked", records: 45 }, null, 152);
    const odd = ev("log", { level: "error", message: "x", record: "3" }, null, 153);
    const s = applyEvents({ ...initialRunLiveState, lastId: 150 }, [bad, plain, odd]);
    expect(s.lines.map((l) => l.record)).toEqual([3, undefined, undefined]);
  });

  it("ignores events it has already seen (a reconnect replays from Last-Event-ID)", () => {
    const first = [metric(1, 2, 1e-3, 201), metric(2, 1.8, 1e-3, 202)];
    const s1 = applyEvents({ ...initialRunLiveState, lastId: 200 }, first);
    const s2 = applyEvents(s1, [metric(2, 1.8, 1e-3, 202), metric(3, 1.6, 1e-3, 203)]);
    expect(s2.steps).toEqual([1, 2, 3]);
    expect(applyEvents(s2, [metric(3, 1.6, 1e-3, 203)])).toBe(s2);
  });

  it("does not mutate the previous state", () => {
    const s1 = applyEvents(initialRunLiveState, [metric(1, 2, 1e-3, 301)]);
    const before = s1.steps.slice();
    applyEvents(s1, [metric(2, 1, 1e-3, 302)]);
    expect(s1.steps).toEqual(before);
  });

  it("restarts the curve where a resumed run repeats steps", () => {
    const s = applyEvents(initialRunLiveState, [
      metric(1, 3, 1e-3, 401),
      metric(2, 2.5, 1e-3, 402),
      metric(3, 2.2, 1e-3, 403),
      metric(2, 2.4, 1e-3, 404), // resumed from the step-1 checkpoint
      metric(3, 2.1, 1e-3, 405),
    ]);
    expect(s.steps).toEqual([1, 2, 3]);
    expect(s.losses).toEqual([3, 2.4, 2.1]);
  });

  it("skips metrics without a finite loss but still records progress", () => {
    const s = applyEvents(initialRunLiveState, [ev("metric", { step: 1, loss: null, total_steps: 4 }, 1, 501)]);
    expect(s.steps).toEqual([]);
    expect(s.progress?.step).toBe(1);
    expect(s.progress?.totalSteps).toBe(4);
  });

  it("keeps at most MAX_LOG_LINES lines, dropping the oldest", () => {
    const logs = Array.from({ length: MAX_LOG_LINES + 5 }, (_, i) => ev("log", { message: `line ${i}` }, null, 1000 + i));
    const s = applyEvents(initialRunLiveState, logs);
    expect(s.lines).toHaveLength(MAX_LOG_LINES);
    expect(s.lines[0].text).toBe("line 5");
    expect(s.lines.at(-1)?.text).toBe(`line ${MAX_LOG_LINES + 4}`);
  });
});

describe("eval loss", () => {
  it("collects eval_loss only on the steps that carry it, keeping the training series as it was", () => {
    const s = applyEvents(initialRunLiveState, [
      metric(1, 3, 1e-3, 601),
      ev("metric", { step: 2, loss: 2.5, eval_loss: 2.8, total_steps: 10 }, 2, 602),
      metric(3, 2.2, 1e-3, 603),
      ev("metric", { step: 4, eval_loss: 2.4 }, 4, 604), // an evaluation on its own
    ]);
    expect(s.steps).toEqual([1, 2, 3]);
    expect(s.evalSteps).toEqual([2, 4]);
    expect(s.evalLosses).toEqual([2.8, 2.4]);
    expect(s.progress?.step).toBe(4);
    expect(s.progress?.loss).toBe(2.2);
  });

  it("drops the evaluations of an abandoned attempt when a resumed run repeats steps", () => {
    const s = applyEvents(initialRunLiveState, [
      ev("metric", { step: 2, loss: 2.5, eval_loss: 2.8 }, 2, 701),
      ev("metric", { step: 4, loss: 2.1, eval_loss: 2.6 }, 4, 702),
      ev("metric", { step: 3, loss: 2.3 }, 3, 703), // resumed from the step-2 checkpoint
      ev("metric", { step: 4, loss: 2.0, eval_loss: 2.5 }, 4, 704),
    ]);
    expect(s.evalSteps).toEqual([2, 4]);
    expect(s.evalLosses).toEqual([2.8, 2.5]);
  });

  it("mentions a checkpoint's eval loss in the log", () => {
    const s = applyEvents(initialRunLiveState, [ev("checkpoint", { path: "/c/checkpoint-4", loss: 2, eval_loss: 2.5 }, 4, 801)]);
    expect(s.lines[0].text).toBe("checkpoint saved at step 4, loss 2.0000, eval loss 2.5000 → /c/checkpoint-4");
  });
});

describe("endRun", () => {
  it("marks the stream ended with the final status", () => {
    const s = endRun({ ...initialRunLiveState, status: "running" }, "succeeded");
    expect(s.ended).toBe(true);
    expect(s.status).toBe("succeeded");
  });
});
