"""Exports of real tiny checkpoints: adapter-only and merged (LoRA, QLoRA on CPU, full), checked independently here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
import transformers
from safetensors import safe_open
from transformers import AutoModelForCausalLM, AutoTokenizer

from specs.export import REPRODUCIBILITY_RECORD
from specs.training import Method, ResolvedTrainingSpec
from tests.worker.engine.test_family_template import LLAMA3_TOKENS, base_spec
from tests.worker.support import RecordingReporter
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.errors import EngineError
from worker.engine.export import export_checkpoint
from worker.engine.export_parity import compare, dataset_conversations, render_prompts, run_reference
from worker.engine.inference import load_for_inference
from worker.engine.recipes.sft import run_sft

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*is_gradient_checkpointing.*:FutureWarning", "ignore:Setting `save_embedding_layers`:UserWarning"
)
CPU = torch.device("cpu")
RECORD = {"run_id": "run_test", "checkpoint_step": 12}
WEIGHT_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")


def trained(tiny_family: dict[str, Path], data: Path, out: Path, method: Method) -> tuple[ResolvedTrainingSpec, Path]:
    settings: dict[str, Any] = {"max_steps": 12, "save_steps": 100, "batch_size": 4, "warmup_ratio": 0.0}
    if method == "full":
        settings["learning_rate"] = 1e-3
    spec = demo_spec(tiny_family[TINY_CHAT].parent, data, method=method, **settings)
    return spec, run_sft(spec, out, RecordingReporter()).final_dir


def greedy(model: Any, ids: list[int], tokens: int = 8) -> list[int]:
    output = model.generate(input_ids=torch.tensor([ids]), do_sample=False, max_new_tokens=tokens, pad_token_id=0)
    return [int(t) for t in output[0, len(ids) :]]


def assert_plain_model_folder(folder: Path, checkpoint: Path) -> None:
    files = {path.name for path in folder.iterdir()}
    assert {"model.safetensors", "config.json", "generation_config.json", "tokenizer_config.json"} <= files
    assert not [name for name in files if name.endswith(WEIGHT_SUFFIXES)], files
    assert "adapter_config.json" not in files
    template = json.loads((folder / "tokenizer_config.json").read_text())["chat_template"]
    assert template == AutoTokenizer.from_pretrained(checkpoint).chat_template
    tokenizer = AutoTokenizer.from_pretrained(folder)
    stops = json.loads((folder / "generation_config.json").read_text())["eos_token_id"]
    assert tokenizer.eos_token_id in (stops if isinstance(stops, list) else [stops])


@pytest.mark.parametrize(
    ("dtype", "torch_dtype", "atol"), [("bf16", torch.bfloat16, 0.5), ("fp32", torch.float32, 1e-4)]
)
def test_lora_merged_export_loads_plainly_and_matches_the_adapter_model(
    tiny_family: dict[str, Path],
    sample_subset: Callable[[int], Path],
    tmp_path: Path,
    dtype: Any,
    torch_dtype: torch.dtype,
    atol: float,
) -> None:
    spec, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "lora")
    conversations = dataset_conversations(Path(spec.dataset_path), spec.model.default_system_prompt)
    result = export_checkpoint(
        checkpoint, tmp_path / "export", "merged", dtype, record=RECORD, conversations=conversations, device=CPU
    )
    assert_plain_model_folder(result.folder, checkpoint)
    assert result.size_bytes == sum(p.stat().st_size for p in result.folder.iterdir())
    with safe_open(result.folder / "model.safetensors", "pt") as weights:
        assert all(weights.get_tensor(name).dtype == torch_dtype for name in weights.keys())  # noqa: SIM118

    # Independently of the export's own parity check: the adapter model vs the merged model, as users load them.
    adapter = load_for_inference(checkpoint, device=CPU, dtype=torch.float32)
    merged = AutoModelForCausalLM.from_pretrained(result.folder, dtype=torch_dtype).eval()
    prompts = render_prompts(adapter.tokenizer, conversations)
    assert len(prompts) == 4
    with torch.no_grad():
        for ids in prompts:
            expected = adapter.model(input_ids=torch.tensor([ids])).logits.float()
            got = merged(input_ids=torch.tensor([ids])).logits.float()
            assert torch.allclose(got, expected, atol=atol), float((got - expected).abs().max())
            if dtype == "fp32":
                assert greedy(merged, ids) == greedy(adapter.model, ids)

    record = json.loads((result.folder / REPRODUCIBILITY_RECORD).read_text())
    assert record["run_id"] == "run_test" and record["export"] == {"kind": "merged", "dtype": dtype}
    assert record["libraries"]["torch"].startswith(torch.__version__.split("+")[0])
    assert record["libraries"]["transformers"] == transformers.__version__ and record["libraries"]["peft"]
    parity = record["parity"]
    assert parity == result.parity and parity["passed"] is True and parity["dtype"] == dtype
    assert parity["tokens_compared"] > 0 and parity["prompts"] == 4
    assert parity["max_abs_logit_diff"] <= parity["tolerance"]
    if dtype == "fp32":
        assert parity["max_abs_logit_diff"] < 1e-4 and parity["tokens_matching"] == parity["tokens_compared"]
    else:
        assert parity["max_abs_logit_diff"] > 0  # bf16 rounding is real, and measured


def test_qlora_adapter_merges_into_the_dequantised_base_and_the_quantisation_gap_is_measured(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "qlora")
    assert spec.quantization is not None
    result = export_checkpoint(
        checkpoint, tmp_path / "export", "merged", "bf16", record=RECORD, quantization=spec.quantization, device=CPU
    )
    assert_plain_model_folder(result.folder, checkpoint)
    config = json.loads((result.folder / "config.json").read_text())
    assert "quantization_config" not in config, "the merged base is 16-bit, not 4-bit"
    merged = AutoModelForCausalLM.from_pretrained(result.folder)
    assert {p.dtype for p in merged.parameters()} == {torch.bfloat16}

    parity = result.parity
    assert parity is not None and parity["passed"] is True
    gap = parity["quantisation_gap"]
    # Against the 4-bit model training saw, the unquantised base differs by more than bf16 rounding: measured.
    assert gap["max_abs_logit_diff"] > parity["max_abs_logit_diff"] and gap["tokens_compared"] > 0
    recorded = json.loads((result.folder / REPRODUCIBILITY_RECORD).read_text())["parity"]["quantisation_gap"]
    assert recorded == gap


def test_full_checkpoint_is_converted_and_cannot_be_exported_as_an_adapter(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    _, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "full")
    with pytest.raises(EngineError, match="whole model"):
        export_checkpoint(checkpoint, tmp_path / "adapter", "adapter", "bf16", record=RECORD, device=CPU)
    assert not (tmp_path / "adapter").exists()

    result = export_checkpoint(checkpoint, tmp_path / "export", "merged", "fp16", record=RECORD, device=CPU)
    assert_plain_model_folder(result.folder, checkpoint)
    original = AutoModelForCausalLM.from_pretrained(checkpoint, dtype=torch.float32)
    converted = AutoModelForCausalLM.from_pretrained(result.folder)
    for (name, a), (_, b) in zip(original.state_dict().items(), converted.state_dict().items(), strict=True):
        assert b.dtype == torch.float16, name
        assert torch.allclose(a, b.float(), atol=1e-2, rtol=1e-3), name
    assert result.parity is not None and result.parity["passed"] is True


def test_adapter_export_holds_the_adapter_in_the_export_dtype_with_the_template(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    _, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "lora")
    result = export_checkpoint(checkpoint, tmp_path / "export", "adapter", "bf16", record=RECORD, device=CPU)
    files = {path.name for path in result.folder.iterdir()}
    assert {
        "adapter_model.safetensors",
        "adapter_config.json",
        "tokenizer_config.json",
        "generation_config.json",
    } <= files
    assert not {"optimizer.pt", "scheduler.pt", "rng_state.pt", "trainer_state.json", "model.safetensors"} & files
    assert result.parity is None
    with safe_open(result.folder / "adapter_model.safetensors", "pt") as weights:
        assert {weights.get_tensor(name).dtype for name in weights.keys()} == {torch.bfloat16}  # noqa: SIM118
    exported = load_for_inference(result.folder, device=CPU, dtype=torch.float32)
    original = load_for_inference(checkpoint, device=CPU, dtype=torch.float32)
    assert exported.tokenizer.chat_template == original.tokenizer.chat_template
    ids = render_prompts(original.tokenizer, dataset_conversations(Path(sample_subset(16)), None))[0]
    with torch.no_grad():
        a = exported.model(input_ids=torch.tensor([ids])).logits
        b = original.model(input_ids=torch.tensor([ids])).logits
    assert torch.allclose(a, b, atol=0.1)


def test_template_added_tokens_survive_the_merge(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, llama3_template: str
) -> None:
    spec = base_spec(tiny_family, sample_subset(24), llama3_template, "lora")
    checkpoint = run_sft(spec, tmp_path / "run", RecordingReporter()).final_dir
    result = export_checkpoint(checkpoint, tmp_path / "export", "merged", "fp32", record=RECORD, device=CPU)
    assert_plain_model_folder(result.folder, checkpoint)
    tokenizer = AutoTokenizer.from_pretrained(result.folder)
    assert tokenizer.chat_template == llama3_template
    ids = [tokenizer.convert_tokens_to_ids(token) for token in LLAMA3_TOKENS]
    for token, token_id in zip(LLAMA3_TOKENS, ids, strict=True):
        assert tokenizer(token, add_special_tokens=False)["input_ids"] == [token_id]
    stops = json.loads((result.folder / "generation_config.json").read_text())["eos_token_id"]
    assert ids[2] in stops  # <|eot_id|> ends a turn

    merged = AutoModelForCausalLM.from_pretrained(result.folder, dtype=torch.float32)
    adapter = load_for_inference(checkpoint, device=CPU, dtype=torch.float32).model.merge_and_unload()
    assert merged.get_input_embeddings().weight.shape[0] >= len(tokenizer)
    assert torch.equal(merged.get_input_embeddings().weight[ids], adapter.get_input_embeddings().weight[ids])
    assert result.parity is not None and result.parity["passed"] is True


def test_parity_fails_with_its_figures_when_the_candidate_is_a_different_model(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    _, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "full")
    trained_model = load_for_inference(checkpoint, device=CPU, dtype=torch.float32)
    prompts = render_prompts(trained_model.tokenizer, dataset_conversations(sample_subset(16), None))
    reference = run_reference(trained_model.model, prompts, 8, 0)
    untrained = load_for_inference(tiny_family[TINY_CHAT], device=CPU, dtype=torch.float32).model
    result = compare(reference, untrained, "fp32", 0)
    assert result.passed is False and result.max_abs_logit_diff > result.tolerance
    assert result.reason is not None and "exceeds the fp32 tolerance" in result.reason
    assert compare(reference, trained_model.model, "fp32", 0).passed is True


def test_a_broken_adapter_fails_the_export_and_leaves_no_files(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    from safetensors.torch import load_file, save_file

    _, checkpoint = trained(tiny_family, sample_subset(16), tmp_path / "run", "lora")
    weights = load_file(checkpoint / "adapter_model.safetensors")
    name = next(n for n in weights if "lora_B" in n)
    weights[name] = torch.full_like(weights[name], float("nan"))
    save_file(weights, checkpoint / "adapter_model.safetensors", metadata={"format": "pt"})

    with pytest.raises(EngineError, match="non-finite weights"):
        export_checkpoint(checkpoint, tmp_path / "exports" / "exp_1", "merged", "fp32", record=RECORD, device=CPU)
    assert list((tmp_path / "exports").iterdir()) == [], "neither the export nor its temporary folder is left"


def test_non_finite_logits_fail_parity(tiny_family: dict[str, Path]) -> None:
    model = load_for_inference(tiny_family[TINY_CHAT], device=CPU, dtype=torch.float32)
    prompts = render_prompts(model.tokenizer, dataset_conversations(Path("/nonexistent.jsonl"), None))
    reference = run_reference(model.model, prompts, 4, 0)
    with torch.no_grad():
        model.model.get_output_embeddings().weight[0] = float("nan")
    result = compare(reference, model.model, "fp32", 0)
    assert result.passed is False and result.reason is not None and "not all finite" in result.reason
