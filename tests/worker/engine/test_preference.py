"""Preference tuning (DPO, ORPO, SimPO, KTO): the losses against hand-computed values, the rendering of pairs, and
real training of the tiny chat model on the public DPO and KTO demo sets."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import PreTrainedTokenizerBase

from backend.datasets.formats.kto import normalise_kto
from backend.datasets.formats.preference import normalise_sharegpt_pairs
from specs.training import Method, ResolvedTrainingSpec, Stage
from tests.worker.support import RecordingReporter
from worker.engine.data.chat import IGNORE_INDEX
from worker.engine.data.preference_dataset import Renderer, tokenize_kto, tokenize_pair
from worker.engine.data.record_check import check_preference_records
from worker.engine.demo_models import TINY_CHAT, TINY_CHAT_TEMPLATE, TINY_DEFAULT_SYSTEM_PROMPT, demo_spec
from worker.engine.errors import EngineError
from worker.engine.preference_losses import dpo_loss, kto_kl, kto_loss, orpo_loss, simpo_loss
from worker.engine.recipes.train import run_training
from worker.engine.reporter import StopRequested

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


def t(*values: float) -> torch.Tensor:
    return torch.tensor(values, dtype=torch.float64)


def softplus(x: float) -> float:
    return math.log1p(math.exp(-x))  # -log σ(x)


def test_dpo_loss_and_rewards() -> None:
    # Log ratios: chosen -1 - (-1.5) = 0.5, rejected -2 - (-1.5) = -0.5; margin 1.0, times beta 0.1.
    result = dpo_loss(t(-1.0, -3.0), t(-2.0, -3.0), t(-1.5, -3.0), t(-1.5, -3.0), beta=0.1)
    assert result.losses.tolist() == pytest.approx([softplus(0.1), math.log(2)])
    assert result.chosen_rewards.tolist() == pytest.approx([0.05, 0.0])
    assert result.rejected_rewards.tolist() == pytest.approx([-0.05, 0.0])


def test_orpo_loss_is_nll_plus_lambda_times_the_odds_ratio_term() -> None:
    # p_chosen = 0.5 (odds 1), p_rejected = 0.2 (odds 1/4): log odds ratio = ln 4, σ(ln 4) = 4/5.
    result = orpo_loss(t(math.log(0.5)), t(math.log(0.2)), lam=0.1)
    assert result.losses.item() == pytest.approx(math.log(2) - 0.1 * math.log(4 / 5))
    assert result.chosen_rewards.item() == pytest.approx(0.1 * math.log(0.5))
    assert result.rejected_rewards.item() == pytest.approx(0.1 * math.log(0.2))


def test_simpo_loss_uses_length_normalised_log_probs_and_the_margin() -> None:
    result = simpo_loss(t(-1.0), t(-2.0), beta=2.0, gamma=0.5)
    assert result.losses.item() == pytest.approx(softplus(2.0 * 1.0 - 0.5))
    assert (result.chosen_rewards.item(), result.rejected_rewards.item()) == pytest.approx((-2.0, -4.0))


def test_kto_loss_with_a_kl_reference_point_from_mismatched_pairs() -> None:
    # Mismatched log ratios 1 and 0: z = 0.5. Own log ratios: desirable +1, undesirable -1.
    policy_mismatched = t(0.0, -1.0).requires_grad_()
    kl = kto_kl(policy_mismatched, t(-1.0, -1.0))
    assert kl.item() == pytest.approx(0.5) and not kl.requires_grad
    result = kto_loss(
        t(-1.0, -3.0),
        t(-2.0, -2.0),
        torch.tensor([True, False]),
        kl,
        beta=0.1,
        desirable_weight=1.0,
        undesirable_weight=2.0,
    )
    sigmoid = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    assert result.losses.tolist() == pytest.approx([1 - sigmoid(0.1 * 0.5), 2 * (1 - sigmoid(0.1 * 1.5))])
    assert result.rewards.tolist() == pytest.approx([0.1, -0.1])
    # A negative mean log ratio is clamped: the reference point is never below 0.
    assert kto_kl(t(-3.0), t(-1.0)).item() == 0.0


@pytest.fixture
def renderer(chat_tokenizer: PreTrainedTokenizerBase) -> Renderer:
    return Renderer(chat_tokenizer, TINY_CHAT_TEMPLATE, TINY_DEFAULT_SYSTEM_PROMPT, max_seq_length=512)


def trained_text(tokenizer: PreTrainedTokenizerBase, input_ids: list[int], labels: list[int]) -> str:
    return tokenizer.decode([i for i, label in zip(input_ids, labels, strict=True) if label != IGNORE_INDEX])


def test_pairs_train_only_the_answers_with_the_template_and_default_system_prompt(
    renderer: Renderer, chat_tokenizer: PreTrainedTokenizerBase
) -> None:
    record = {
        "prompt": [
            {"role": "user", "content": "Name a colour."},
            {"role": "assistant", "content": "Blue."},
            {"role": "user", "content": "Another one?"},
        ],
        "chosen": [{"role": "assistant", "content": "Green."}],
        "rejected": [{"role": "assistant", "content": "No."}],
    }
    pair = tokenize_pair(record, renderer, 0)
    chosen, rejected = pair.chosen, pair.rejected
    assert trained_text(chat_tokenizer, chosen.input_ids, chosen.labels).replace(" ", "") == "Green.<|im_end|>\n"
    assert trained_text(chat_tokenizer, rejected.input_ids, rejected.labels).replace(" ", "") == "No.<|im_end|>\n"
    full = chat_tokenizer.decode(chosen.input_ids)
    assert TINY_DEFAULT_SYSTEM_PROMPT.replace(" ", "") in full.replace(" ", "") and "Blue" in full
    # Both sides share the rendered prompt token for token, up to the answer.
    shared = len(chosen.input_ids) - chosen.trained_tokens - 1
    assert chosen.input_ids[:shared] == rejected.input_ids[:shared]


def test_kto_examples_train_only_the_judged_answer(renderer: Renderer, chat_tokenizer: PreTrainedTokenizerBase) -> None:
    record = {"messages": [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}], "label": True}
    example = tokenize_kto(record, renderer, 3)
    assert example.desirable and example.prompt == record["messages"][:1]
    assert trained_text(chat_tokenizer, example.tokens.input_ids, example.tokens.labels).replace(" ", "") == (
        "4<|im_end|>\n"
    )


# --- training the tiny chat model ------------------------------------------------------------------------------


@pytest.fixture
def dpo_pairs(shared_fixtures: Path, write_jsonl: Callable[[list[dict[str, Any]], str], Path]) -> Path:
    """The 24 pairs of the public DPO demo set with the shortest prompts, normalised as the upload does."""
    raw = json.loads((shared_fixtures / "datasets" / "dpo_en_demo.json").read_text(encoding="utf-8"))
    records = sorted((normalise_sharegpt_pairs(r) for r in raw), key=lambda r: len(json.dumps(r["prompt"])))
    return write_jsonl(records[:24], "pairs.jsonl")


@pytest.fixture
def kto_examples(shared_fixtures: Path, write_jsonl: Callable[[list[dict[str, Any]], str], Path]) -> Path:
    raw = json.loads((shared_fixtures / "datasets" / "kto_en_demo.json").read_text(encoding="utf-8"))
    records = sorted((normalise_kto(r) for r in raw), key=lambda r: len(json.dumps(r)))
    return write_jsonl(records[:24], "kto.jsonl")


def preference_spec(
    tiny_family: dict[str, Path], data: Path, stage: Stage, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    settings: dict[str, Any] = {
        "max_steps": 20,
        "batch_size": 8,
        "save_steps": 100,
        "max_seq_length": 160,
        "warmup_ratio": 0.0,
        "beta": 2.0 if stage == "simpo" else 0.1,
    }
    if method in ("full", "freeze"):
        settings["learning_rate"] = 1e-4
    spec = demo_spec(tiny_family[TINY_CHAT].parent, data, method=method, **{**settings, **overrides})
    return spec.model_copy(update={"stage": stage})


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def test_dpo_starts_at_ln2_and_learns_the_preferences(
    tiny_family: dict[str, Path], dpo_pairs: Path, tmp_path: Path
) -> None:
    reporter = RecordingReporter()
    run_training(preference_spec(tiny_family, dpo_pairs, "dpo", max_steps=24), tmp_path / "run", reporter)
    steps = reporter.steps
    # Step 1 is computed before any update: the LoRA policy is the reference (its B matrices start at 0).
    assert steps[0].loss == pytest.approx(math.log(2), abs=1e-6)
    assert steps[0].extra["rewards/margin"] == pytest.approx(0.0, abs=1e-6)
    assert "reference model: the policy with its adapter switched off" in reporter.logs
    first, last = steps[:4], steps[-4:]
    assert mean([m.loss for m in last]) < mean([m.loss for m in first]) / 2
    assert mean([m.extra["rewards/accuracy"] for m in last]) > 0.9 > mean([m.extra["rewards/accuracy"] for m in first])
    assert mean([m.extra["rewards/margin"] for m in last]) > mean([m.extra["rewards/margin"] for m in first]) + 1
    assert all(
        m.extra["rewards/margin"] == pytest.approx(m.extra["rewards/chosen"] - m.extra["rewards/rejected"])
        for m in steps
    )
    [final] = reporter.checkpoints
    assert final.step == 24 and final.metrics == {"loss": steps[-1].loss, **steps[-1].extra}


@pytest.mark.parametrize(
    ("method", "reference"),
    [("full", "a frozen copy of tiny-chat in float32"), ("qlora", "the policy with its adapter switched off")],
)
def test_dpo_reference_for_other_methods_equals_the_policy_at_step_one(
    tiny_family: dict[str, Path], dpo_pairs: Path, tmp_path: Path, method: Method, reference: str
) -> None:
    reporter = RecordingReporter()
    spec = preference_spec(tiny_family, dpo_pairs, "dpo", method, max_steps=6)
    run_training(spec, tmp_path / "run", reporter)
    assert f"reference model: {reference}" in reporter.logs
    assert reporter.steps[0].loss == pytest.approx(math.log(2), abs=1e-6)
    assert any(m.extra["rewards/margin"] != 0 for m in reporter.steps[1:]), "the policy moved away from the reference"
    if method == "full":
        assert mean([m.loss for m in reporter.steps[-2:]]) < math.log(2)


@pytest.mark.parametrize("stage", ["orpo", "simpo"])
def test_reference_free_stages_learn(
    tiny_family: dict[str, Path], dpo_pairs: Path, tmp_path: Path, stage: Stage
) -> None:
    reporter = RecordingReporter()
    run_training(preference_spec(tiny_family, dpo_pairs, stage), tmp_path / "run", reporter)
    steps = reporter.steps
    assert not any(line.startswith("reference model") for line in reporter.logs)
    assert mean([m.loss for m in steps[-4:]]) < mean([m.loss for m in steps[:4]])
    assert mean([m.extra["rewards/margin"] for m in steps[-4:]]) > mean([m.extra["rewards/margin"] for m in steps[:4]])


def test_kto_learns_from_labelled_answers(tiny_family: dict[str, Path], kto_examples: Path, tmp_path: Path) -> None:
    reporter = RecordingReporter()
    run_training(preference_spec(tiny_family, kto_examples, "kto"), tmp_path / "run", reporter)
    steps = reporter.steps
    # Policy == reference at step 1: every reward and the reference point are 0, so each loss is 1 - σ(0).
    assert steps[0].loss == pytest.approx(0.5, abs=1e-6) and steps[0].extra["kl"] == pytest.approx(0.0, abs=1e-6)
    assert mean([m.loss for m in steps[-4:]]) < mean([m.loss for m in steps[:4]]) - 0.1
    assert mean([m.extra["rewards/margin"] for m in steps[-4:]]) > 0.5


@pytest.mark.parametrize(
    ("stage", "method"),
    [
        (stage, method)
        for stage in ("dpo", "orpo", "simpo", "kto")
        for method in ("qlora", "full", "freeze")
        if (stage, method) != ("dpo", "full")  # test_dpo_reference_for_other_methods_equals_the_policy_at_step_one
    ],
)
def test_every_preference_stage_learns_with_every_method(
    tiny_family: dict[str, Path], dpo_pairs: Path, kto_examples: Path, tmp_path: Path, stage: Stage, method: Method
) -> None:
    # The lora rows of the matrix are the stage tests above. Here: a few steps on one batch of four, memorisable.
    overrides: dict[str, Any] = {"max_steps": 8, "batch_size": 4}
    if method == "freeze":
        overrides["freeze_trainable_layers"] = 1
    source = kto_examples if stage == "kto" else dpo_pairs
    data = tmp_path / source.name
    data.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:4]), encoding="utf-8")
    reporter = RecordingReporter()
    run_training(preference_spec(tiny_family, data, stage, method, **overrides), tmp_path / "run", reporter)
    losses = [m.loss for m in reporter.steps]
    assert len(losses) == 8 and any(f"method {method}" in line for line in reporter.logs)
    assert mean(losses[-3:]) < mean(losses[:3]), losses


def test_kto_needs_two_examples_per_batch(tiny_family: dict[str, Path], kto_examples: Path, tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="batch_size >= 2"):
        run_training(
            preference_spec(tiny_family, kto_examples, "kto", batch_size=1), tmp_path / "run", RecordingReporter()
        )


@pytest.mark.parametrize("method", ["lora", "full"])
def test_dpo_resume_gives_the_same_losses_and_eval(
    tiny_family: dict[str, Path], dpo_pairs: Path, tmp_path: Path, method: Method
) -> None:
    # full: the policy comes back from the checkpoint, the reference copy again from the model source.
    spec = preference_spec(
        tiny_family, dpo_pairs, "dpo", method, max_steps=8, batch_size=4, eval_fraction=0.25, eval_steps=4
    )
    whole = RecordingReporter()
    run_training(spec, tmp_path / "whole", whole)

    first = RecordingReporter(stop_after=3, reason="paused")
    with pytest.raises(StopRequested):
        run_training(spec, tmp_path / "split", first)
    second = RecordingReporter()
    result = run_training(spec, tmp_path / "split", second)

    assert result.resumed_from == 3
    split = first.steps + second.steps
    assert [m.loss for m in split] == pytest.approx([m.loss for m in whole.steps], abs=1e-5)
    evals = [(m.step, m.eval_loss, m.extra["eval_rewards/accuracy"]) for m in whole.steps if m.eval_loss is not None]
    assert [step for step, _, _ in evals] == [4, 8]
    resumed = [(m.step, m.eval_loss, m.extra["eval_rewards/accuracy"]) for m in split if m.eval_loss is not None]
    assert [value for row in resumed for value in row] == pytest.approx([value for row in evals for value in row])


def test_the_data_check_lists_records_the_template_cannot_render(
    chat_tokenizer: PreTrainedTokenizerBase, write_jsonl: Callable[[list[dict[str, Any]], str], Path]
) -> None:
    user = {"role": "user", "content": "Hi"}
    good = {
        "prompt": [user],
        "chosen": [{"role": "assistant", "content": "Hello!"}],
        "rejected": [{"role": "assistant", "content": "Go away."}],
    }
    twice = {**good, "prompt": [user, user]}  # tiny-chat's template refuses roles that do not alternate
    path = write_jsonl([good, twice, good], "pairs.jsonl")
    settings: dict[str, Any] = {
        "chat_template": TINY_CHAT_TEMPLATE,
        "default_system_prompt": TINY_DEFAULT_SYSTEM_PROMPT,
        "max_seq_length": 512,
    }
    report = check_preference_records(path, chat_tokenizer, kto=False, **settings)
    assert (report.records, report.problem_count) == (3, 1) and report.problems[0][0] == 1
    assert "alternate" in report.problems[0][1] and report.trained_tokens > 0 and report.without_trained_tokens == 0

    labelled = {"messages": [user, {"role": "assistant", "content": "Hello!"}], "label": True}
    unlabelled = {"messages": labelled["messages"]}
    kto_report = check_preference_records(
        write_jsonl([labelled, unlabelled], "kto.jsonl"), chat_tokenizer, kto=True, **settings
    )
    assert kto_report.problems == [(1, "'label' must be true (desirable) or false (undesirable)")]
    short = check_preference_records(path, chat_tokenizer, kto=False, **{**settings, "max_seq_length": 8})
    assert short.without_trained_tokens == 2, "answers cut off by max_seq_length are counted"


def test_a_cancelled_kto_run_stops_after_its_step_without_a_checkpoint(
    tiny_family: dict[str, Path], kto_examples: Path, tmp_path: Path
) -> None:
    reporter = RecordingReporter(stop_after=2, reason="cancelled")
    with pytest.raises(StopRequested, match="cancelled"):
        run_training(preference_spec(tiny_family, kto_examples, "kto"), tmp_path / "run", reporter)
    assert [m.step for m in reporter.steps] == [1, 2] and reporter.checkpoints == []
