import { describe, expect, it } from "vitest";
import { bestOf, evaluatedLabel, formatMetric, isEvaluating, metricColumns, planSentence, setSummaries } from "./evaluations";

describe("evaluation helpers", () => {
  it("shows only the metric columns some evaluation has, in a fixed order", () => {
    const rows: { metrics: Record<string, number> }[] = [{ metrics: { eval_loss: 1.2 } }, { metrics: { mc_accuracy: 0.5, perplexity: 3 } }];
    const columns = metricColumns(rows);
    expect(columns.map((c) => c.key)).toEqual(["mc_accuracy", "eval_loss", "perplexity"]);
  });

  it("formats accuracies as percentages and deltas with a sign", () => {
    expect(formatMetric("mc_accuracy", 0.8333)).toBe("83.3%");
    expect(formatMetric("general_mc_accuracy_delta", 0.05)).toBe("+5.0 pts");
    expect(formatMetric("general_mc_accuracy_delta", -0.1)).toBe("-10.0 pts");
    expect(formatMetric("general_eval_loss_delta", 0.25)).toBe("+0.2500");
    expect(formatMetric("eval_loss", 2.5)).toBe("2.5000");
    expect(formatMetric("eval_loss", undefined)).toBe("—");
  });

  it("picks the best by the metric's direction, the first on a tie", () => {
    const rows: { id: string; metrics: Record<string, number> }[] = [
      { id: "a", metrics: { mc_accuracy: 0.5, eval_loss: 2 } },
      { id: "b", metrics: { mc_accuracy: 0.7, eval_loss: 3 } },
      { id: "c", metrics: { mc_accuracy: 0.7 } },
    ];
    expect(bestOf(rows, "mc_accuracy")).toBe("b");
    expect(bestOf(rows, "eval_loss")).toBe("a");
    expect(bestOf(rows, "perplexity")).toBeNull();
  });

  it("labels checkpoints by step and models by name", () => {
    const steps = new Map([["ckpt_1", 20]]);
    expect(evaluatedLabel({ model: null, checkpoint_id: "ckpt_1" }, steps)).toBe("step 20");
    expect(evaluatedLabel({ model: "tiny-chat", checkpoint_id: null }, steps)).toBe("tiny-chat");
    expect(isEvaluating({ status: "running" })).toBe(true);
    expect(isEvaluating({ status: "failed" })).toBe(false);
  });
});

describe("planSentence", () => {
  it("says which way the declared metric wins", () => {
    expect(planSentence({ best_metric: "eval_loss" })).toContain("lowest eval_loss");
    expect(planSentence({ best_metric: "mc_accuracy" })).toContain("highest mc_accuracy");
    expect(planSentence(null)).toContain("no automatic evaluation");
  });
});

describe("setSummaries", () => {
  it("lists each set's metrics, the reference's for general sets, and accuracy per subject", () => {
    const [mc, general] = setSummaries([
      {
        dataset_id: "ds_1",
        name: "quiz",
        role: "domain",
        metrics: { mc_accuracy: 0.5, mc_accuracy_norm: 0.5, questions: 4, subjects: { math: { mc_accuracy: 1, questions: 2 }, art: { mc_accuracy: 0, questions: 2 } } },
      },
      { dataset_id: "ds_2", name: "chats", role: "general", metrics: { eval_loss: 1.5, perplexity: 4.48 }, reference: { eval_loss: 1.25 } },
    ]);
    expect(mc.lines).toEqual(["mc_accuracy 50.0%", "mc_accuracy_norm 50.0%"]);
    expect(mc.subjects).toEqual([
      { name: "math", accuracy: "100.0%", questions: 2 },
      { name: "art", accuracy: "0.0%", questions: 2 },
    ]);
    expect(general.role).toBe("general");
    expect(general.lines).toEqual(["eval_loss 1.5000 (reference 1.2500)", "perplexity 4.4800"]);
  });
});
