"""Continued pretraining (stage cpt) of tiny-base: it learns, packs without leaking, evaluates, resumes, any method."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerBase

from specs.training import Method, ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.cli import main as cli_main
from worker.engine.data.cpt_dataset import TextChunk, chunk_documents, cpt_training_data, tokenize_documents
from worker.engine.data.training_data import hold_out
from worker.engine.demo_models import DEMO_DIR, TINY_BASE, demo_spec
from worker.engine.errors import DataError
from worker.engine.loading import load_model
from worker.engine.recipes.sft import run_sft
from worker.engine.recipes.train import run_training
from worker.engine.reporter import StopRequested

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
ADAPTER, MODEL = "adapter_model.safetensors", "model.safetensors"


def paragraphs(*names: str) -> list[str]:
    texts = [(DEMO_DIR / "corpus" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    return [part.strip() for text in texts for part in text.split("\n\n") if part.strip()]


@pytest.fixture
def documents(tmp_path: Path) -> Callable[[list[str]], Path]:
    def write(texts: list[str]) -> Path:
        path = tmp_path / f"docs-{len(texts)}.jsonl"
        path.write_text("".join(json.dumps({"text": text, "source": "demo"}) + "\n" for text in texts))
        return path

    return write


def cpt_spec(
    tiny_family: dict[str, Path], data: Path, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    """Rows of 64 tokens, so the ~90-token paragraphs are split as well as packed; no warm-up, no checkpoints."""
    settings: dict[str, Any] = {"max_seq_length": 64, "batch_size": 4, "save_steps": 100, "warmup_ratio": 0.0}
    settings["learning_rate"] = 1e-3 if method in ("full", "freeze") else 1e-2
    return demo_spec(tiny_family[TINY_BASE].parent, data, method=method, stage="cpt", **{**settings, **overrides})


def chunk_loss(model: torch.nn.Module, chunks: list[TextChunk]) -> float:
    """Token-weighted mean loss of each chunk run alone, as one unpacked sequence."""
    total, count = 0.0, 0
    for chunk in chunks:
        ids = torch.as_tensor(chunk.input_ids, dtype=torch.long).unsqueeze(0)
        total += model(input_ids=ids, labels=ids).loss.item() * (ids.shape[1] - 1)
        count += ids.shape[1] - 1
    return total / count


def test_cpt_learns_a_memorisable_text_and_reports_its_data(
    tiny_family: dict[str, Path], documents: Callable[[list[str]], Path], tmp_path: Path
) -> None:
    data = documents(paragraphs("rivers")[:4])
    spec = cpt_spec(tiny_family, data, max_steps=30, batch_size=8)
    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)  # the name the worker task calls trains any stage

    losses = [m.loss for m in reporter.steps]
    assert losses[-1] < losses[0] / 4, losses
    assert all(m.tokens_per_second > 0 and m.grad_norm > 0 for m in reporter.steps)
    assert any(line.startswith("stage cpt, model tiny-base") for line in reporter.logs)
    assert any("documents packed into rows of up to 64 tokens" in line for line in reporter.logs)
    data_line = next(line for line in reporter.logs if line.startswith("data:"))
    assert "4 documents of 4 records" in data_line and "as bos + text + eos, no chat template" in data_line
    rows_line = next(line for line in reporter.logs if line.startswith("rows:"))
    assert "training rows of up to 64 tokens" in rows_line and "% of row capacity used" in rows_line
    assert any(line.startswith("sources: demo 4 documents") for line in reporter.logs)
    assert any(line.startswith("steps: 30 x 8 rows") for line in reporter.logs)

    # The adapter on the base model has learned the text; the tokenizer is saved as it was (no template added).
    tokenizer = AutoTokenizer.from_pretrained(result.final_dir)
    assert tokenizer.chat_template is None
    chunks = chunk_documents(tokenize_documents(data, tokenizer).documents, 64)
    base = AutoModelForCausalLM.from_pretrained(spec.model.path)
    with torch.no_grad():
        before = chunk_loss(base, chunks)
        after = chunk_loss(PeftModel.from_pretrained(base, result.final_dir), chunks)
    assert after < before / 4


@pytest.mark.parametrize("attention", ["sdpa", "eager"])
@torch.no_grad()
def test_packed_cpt_rows_never_attend_across_documents(
    tiny_family: dict[str, Path],
    base_tokenizer: PreTrainedTokenizerBase,
    documents: Callable[[list[str]], Path],
    attention: str,
) -> None:
    spec = cpt_spec(tiny_family, documents(paragraphs("sea", "clocks")), max_seq_length=160)
    data = cpt_training_data(spec, base_tokenizer)
    rows = [row for row in data.train if len(row) > 1][:3]
    assert rows, "the layout should put several documents into some rows"
    batch = data.to_batch(rows, None)
    model = load_model(spec.model.path, device=torch.device("cpu"), attn_implementation=attention)
    model.eval()
    logits = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
    for r, row in enumerate(rows):
        start = 0
        for chunk in row:
            ids = torch.as_tensor(chunk.input_ids, dtype=torch.long).unsqueeze(0)
            alone = model(input_ids=ids).logits[0]
            torch.testing.assert_close(logits[r, start : start + ids.shape[1]], alone, atol=1e-4, rtol=0)
            start += ids.shape[1]
    # The control: without restarting positions the second document of a row sees the first.
    first, second = rows[0][0], rows[0][1]
    leaky = model(input_ids=batch["input_ids"][:1], use_cache=False).logits[0, len(first.input_ids) :]
    alone = model(input_ids=torch.as_tensor(second.input_ids, dtype=torch.long).unsqueeze(0)).logits[0]
    assert (leaky[: len(second.input_ids)] - alone).abs().max() > 1e-2


def test_packed_and_unpacked_cpt_compute_the_same_loss(
    tiny_family: dict[str, Path], documents: Callable[[list[str]], Path], tmp_path: Path
) -> None:
    # Every row in every step: only the layout differs (several documents per row, or one per padded row).
    data = documents(paragraphs("bread")[:5])
    losses, rows = {}, {}
    for packing in (True, False):
        reporter = RecordingReporter()
        run_training(
            cpt_spec(tiny_family, data, max_steps=4, batch_size=64, packing=packing), tmp_path / str(packing), reporter
        )
        losses[packing] = [m.loss for m in reporter.steps]
        rows_line = next(line for line in reporter.logs if line.startswith("rows:"))
        rows[packing] = int(rows_line.split()[1])
    assert rows[True] < rows[False]
    assert losses[True] == pytest.approx(losses[False], rel=1e-4)  # asked: 1 %; it is float noise
    assert losses[True][-1] < losses[True][0]


def test_cpt_eval_loss_is_measured_on_held_out_documents(
    tiny_family: dict[str, Path], documents: Callable[[list[str]], Path], tmp_path: Path
) -> None:
    texts = paragraphs("garden", "trains")
    data = documents(texts)
    spec = cpt_spec(tiny_family, data, max_steps=6, eval_fraction=0.25, eval_steps=3)
    reporter = RecordingReporter()
    result = run_training(spec, tmp_path / "run", reporter)
    evals = {m.step: m.eval_loss for m in reporter.steps if m.eval_loss is not None}
    assert list(evals) == [3, 6] and evals[6] < evals[3]
    held_count = round(0.25 * len(texts))
    assert any(line.startswith(f"eval: {held_count} documents (") for line in reporter.logs)

    # The number is the token-weighted loss of the final weights on exactly the held-out documents' chunks,
    # and none of their text was among the training rows.
    tokenizer = AutoTokenizer.from_pretrained(spec.model.path)
    train_docs, held_docs = hold_out(tokenize_documents(data, tokenizer).documents, 0.25, spec.hyperparameters.seed)
    assert len(held_docs) == held_count
    training_text = {tuple(chunk.input_ids.tolist()) for chunk in chunk_documents(train_docs, 64)}
    held_chunks = chunk_documents(held_docs, 64)
    assert not training_text & {tuple(chunk.input_ids.tolist()) for chunk in held_chunks}
    tuned = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(spec.model.path), result.final_dir)
    with torch.no_grad():
        assert chunk_loss(tuned.eval(), held_chunks) == pytest.approx(evals[6], rel=1e-5)


def test_cpt_resume_gives_the_same_run_as_an_uninterrupted_one(
    tiny_family: dict[str, Path], documents: Callable[[list[str]], Path], tmp_path: Path
) -> None:
    # Dropout makes the result depend on the restored RNG; batch 3 crosses epoch boundaries within 10 steps.
    spec = cpt_spec(
        tiny_family,
        documents(paragraphs("libraries", "weather")[:8]),
        max_steps=10,
        batch_size=3,
        lora_dropout=0.1,
        eval_fraction=0.25,
        eval_steps=3,
    )
    straight = RecordingReporter()
    run_training(spec, tmp_path / "straight", straight)
    assert straight.steps[-1].epoch > 2

    with pytest.raises(StopRequested):
        run_training(spec, tmp_path / "resumed", RecordingReporter(stop_after=5, reason="paused"))
    resumed = RecordingReporter()
    result = run_training(spec, tmp_path / "resumed", resumed)
    assert result.resumed_from == 5 and [m.step for m in resumed.steps] == [6, 7, 8, 9, 10]
    assert [m.loss for m in resumed.steps] == pytest.approx([m.loss for m in straight.steps[5:]], rel=1e-5)
    evals = {m.step: m.eval_loss for m in straight.steps if m.eval_loss is not None and m.step > 5}
    assert list(evals) == [6, 9, 10]
    assert {m.step: m.eval_loss for m in resumed.steps if m.eval_loss is not None} == pytest.approx(evals, rel=1e-5)
    expected, actual = load_file(tmp_path / "straight" / "final" / ADAPTER), load_file(result.final_dir / ADAPTER)
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        torch.testing.assert_close(actual[name], tensor, rtol=0, atol=1e-5, msg=name)


@pytest.mark.parametrize(
    ("method", "overrides", "saved"),
    [
        ("lora", {"precision": "bf16"}, ADAPTER),
        ("qlora", {}, ADAPTER),
        ("full", {"packing": False}, MODEL),
        ("freeze", {"freeze_trainable_layers": 1, "gradient_checkpointing": True}, MODEL),
    ],
)
def test_every_method_trains_cpt(
    tiny_family: dict[str, Path],
    documents: Callable[[list[str]], Path],
    tmp_path: Path,
    method: Method,
    overrides: dict[str, Any],
    saved: str,
) -> None:
    spec = cpt_spec(tiny_family, documents(paragraphs("rivers")[:4]), method, max_steps=4, batch_size=8, **overrides)
    reporter = RecordingReporter()
    result = run_training(spec, tmp_path / "run", reporter)
    losses = [m.loss for m in reporter.steps]
    assert len(losses) == 4 and losses[-1] < losses[0], losses
    assert (result.final_dir / saved).is_file()
    assert any(f"method {method}" in line for line in reporter.logs)
    compute = next(line for line in reporter.logs if line.startswith("compute:"))
    assert ("gradient checkpointing on" in compute) == bool(overrides.get("gradient_checkpointing")), compute
    assert ("bf16 autocast" in compute) == (overrides.get("precision") == "bf16"), compute


def test_cpt_of_conversations_fails_naming_the_record(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    with pytest.raises(DataError, match=r"record #1 \(index 0\): the record needs a string 'text'"):
        run_training(cpt_spec(tiny_family, sample_subset(4)), tmp_path / "run", RecordingReporter())
    assert not (tmp_path / "run" / "final").exists()


def test_cpt_on_the_shared_c4_sample(tiny_family: dict[str, Path], shared_fixtures: Path, tmp_path: Path) -> None:
    data = shared_fixtures / "datasets" / "c4_demo.jsonl"
    spec = cpt_spec(tiny_family, data, max_steps=3, max_seq_length=256, eval_fraction=0.05)
    reporter = RecordingReporter()
    result = run_training(spec, tmp_path / "run", reporter)
    assert result.steps == 3 and result.eval_losses
    data_line = next(line for line in reporter.logs if line.startswith("data:"))
    assert f"documents of {spec.dataset_records} records" in data_line
    rows_line = next(line for line in reporter.logs if line.startswith("rows:"))
    assert float(rows_line.split("average, ")[1].split("%")[0]) > 95, rows_line


def test_cli_trains_a_cpt_spec(
    tiny_family: dict[str, Path],
    documents: Callable[[list[str]], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(cpt_spec(tiny_family, documents(paragraphs("sea")), max_steps=2).model_dump_json())
    assert cli_main(["train", str(spec_file), str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "final" / ADAPTER).is_file()
    assert "step 2/2" in capsys.readouterr().out
