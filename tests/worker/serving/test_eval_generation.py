"""Evaluation replies through the CPU inference server equal those generated in process: same token ids in, same
greedy replies, letters and accuracy out (a tiny chat model and a LoRA checkpoint of it); and who generates when the
service cannot be reached."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest
import torch
from fastapi.testclient import TestClient
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

from backend.core.errors import ServiceUnavailable
from backend.core.settings import get_settings
from backend.serving.client import InferenceClient
from specs.evaluation import EvalSetSpec, EvaluationJob, PromptStyle
from worker.engine.demo_models import TINY_CHAT
from worker.engine.evaluation.evaluate import run_evaluation
from worker.engine.evaluation.generate_extract import GenerateReplies
from worker.serving.app import create_app
from worker.serving.registry import Registry
from worker.tasks.eval_generation import choose

QUESTIONS = [
    {"question": "What is 2 + 2?", "choices": ["3", "4", "5", "6"], "answer_index": 1, "subject": "arithmetic"},
    {"question": "Which city is the capital of France?", "choices": ["Rome", "Paris"], "answer_index": 1},
    {"question": "Which is blue?", "choices": ["sky", "grass", "sun", "snow"], "answer_index": 0, "subject": "nature"},
]


@pytest.fixture(scope="module")
def checkpoint(tiny_family: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LoRA checkpoint of tiny-chat with random (not zero) weights, so it answers differently from its base."""
    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_CHAT], dtype=torch.float32)
    config = LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", init_lora_weights=False)
    folder = tmp_path_factory.mktemp("ckpt") / "step-4"
    get_peft_model(base, config).save_pretrained(folder)
    AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT]).save_pretrained(folder)
    return folder


@pytest.fixture
def service() -> Iterator[InferenceClient]:
    """The real CPU server app, spoken to through the client the worker uses."""
    with TestClient(create_app(Registry(max_loaded=2))) as http:
        client = InferenceClient(get_settings())
        client._http, client.where = http, "the test inference server"
        yield client


def _job(tiny_family: dict[str, Path], checkpoint: Path, tmp_path: Path, style: PromptStyle) -> EvaluationJob:
    path = tmp_path / "mc.jsonl"
    path.write_text("".join(json.dumps(q) + "\n" for q in QUESTIONS), encoding="utf-8")
    sets = [
        EvalSetSpec(dataset_id="ds_d", name="domain", kind="multiple_choice", path=str(path), role="domain"),
        EvalSetSpec(dataset_id="ds_g", name="general", kind="multiple_choice", path=str(path), role="general"),
    ]
    return EvaluationJob(
        model_path=str(checkpoint),
        model_served_name="ckpt_test",
        reference_path=str(tiny_family[TINY_CHAT]),
        reference_served_name=TINY_CHAT,
        sets=sets,
        prompt_style=style,
        generate_answers=True,
        generation_backend="service",
        max_new_tokens=12,
        batch_size=2,
    )


@pytest.mark.parametrize("style", ["plain", "chat"])
def test_replies_through_the_inference_server_equal_those_generated_in_process(
    tiny_family: dict[str, Path], checkpoint: Path, service: InferenceClient, tmp_path: Path, style: PromptStyle
) -> None:
    job = _job(tiny_family, checkpoint, tmp_path, style)
    choice = choose(job, service, reference=True)
    assert choice is not None and choice.backend == "service"
    assert set(choice.targets) == {"candidate", "reference"} and choice.targets["candidate"].is_adapter
    asked: list[tuple[str, int]] = []

    def counted(label: str, stop_ids: set[int], here: GenerateReplies) -> GenerateReplies | None:
        replies = choice.replies(label, stop_ids, here)
        assert replies is not None

        def generate(prompts: Sequence[list[int]]) -> list[str]:
            asked.append((label, len(prompts)))
            return replies(prompts)

        return generate

    served = run_evaluation(job, service_replies=counted)
    here = run_evaluation(job)
    assert {label for label, _ in asked} == {"candidate", "reference"} and sum(
        n for _, n in asked
    ) == 3 * 3  # two sets on the checkpoint, one on its base

    def replies(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
        keys = ("dataset_id", "model", "index", "generated", "extracted", "generate_correct")
        return [tuple(item[k] for k in keys) for item in items]

    assert replies(served.items) == replies(here.items)
    assert any(item["generated"] for item in here.items), "the tiny models say something"
    candidate = [i["generated"] for i in here.items if i["model"] == "candidate"]
    reference = [i["generated"] for i in here.items if i["model"] == "reference"]
    assert candidate != reference, "the checkpoint answers differently from its base"
    for key in ("mc_generate_accuracy", "general_mc_generate_accuracy", "reference_general_mc_generate_accuracy"):
        assert served.summary[key] == here.summary[key]


def test_a_token_id_prompt_is_the_text_prompt_tokenised_once_without_a_doubled_bos(
    tiny_family: dict[str, Path], service: InferenceClient
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])
    service.load_base_model(TINY_CHAT, str(tiny_family[TINY_CHAT]))
    rendered = str(
        tokenizer.apply_chat_template([{"role": "user", "content": "Hi"}], add_generation_prompt=True, tokenize=False)
    )
    ids = tokenizer(rendered, add_special_tokens=False)["input_ids"]
    greedy = {"model": TINY_CHAT, "max_tokens": 6, "temperature": 0}
    by_text = service.complete("/v1/completions", {**greedy, "prompt": rendered})
    by_ids = service.complete("/v1/completions", {**greedy, "prompt": ids})
    assert by_ids["usage"]["prompt_tokens"] == len(ids) == by_text["usage"]["prompt_tokens"]
    assert by_ids["choices"][0]["text"] == by_text["choices"][0]["text"]


def test_token_ids_outside_the_vocabulary_are_refused_naming_the_field(
    tiny_family: dict[str, Path], service: InferenceClient
) -> None:
    service.load_base_model(TINY_CHAT, str(tiny_family[TINY_CHAT]))
    for body, field in (
        ({"prompt": [1, 10**9]}, "prompt"),
        ({"prompt": [1], "stop_token_ids": [10**9]}, "stop_token_ids"),
    ):
        response = service._http.post("/v1/completions", json={"model": TINY_CHAT, **body})
        assert response.status_code == 400, response.text
        assert response.json()["error"]["param"] == field and "vocabulary" in response.json()["error"]["message"]
    response = service._http.post("/v1/completions", json={"model": TINY_CHAT, "prompt": []})
    assert response.status_code == 400


def test_the_requested_stop_token_ends_the_reply(tiny_family: dict[str, Path], service: InferenceClient) -> None:
    service.load_base_model(TINY_CHAT, str(tiny_family[TINY_CHAT]))
    tokenizer = AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])
    prompt = tokenizer("The capital of France is")["input_ids"]
    greedy = {"model": TINY_CHAT, "prompt": prompt, "max_tokens": 8, "temperature": 0}
    assert service.complete("/v1/completions", greedy)["usage"]["completion_tokens"] >= 1
    model = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_CHAT], dtype=torch.float32).eval()
    with torch.no_grad():
        first = int(model(input_ids=torch.tensor([prompt])).logits[0, -1].argmax())
    stopped = service.complete("/v1/completions", {**greedy, "stop_token_ids": [first]})
    assert stopped["choices"][0] == {**stopped["choices"][0], "text": "", "finish_reason": "stop"}
    assert stopped["usage"]["completion_tokens"] == 0


def _unreachable() -> InferenceClient:
    return InferenceClient(get_settings().model_copy(update={"inference_url": "http://127.0.0.1:9"}))


def test_auto_generates_in_process_when_the_service_is_unreachable_and_says_why(
    tiny_family: dict[str, Path], checkpoint: Path, tmp_path: Path
) -> None:
    job = _job(tiny_family, checkpoint, tmp_path, "plain").model_copy(update={"generation_backend": "auto"})
    choice = choose(job, _unreachable(), reference=True)
    assert choice is not None and choice.backend == "in_process"
    assert "auto" in choice.reason and "Cannot reach http://127.0.0.1:9" in choice.reason
    assert choice.replies("candidate", {0}, lambda prompts: []) is None
    old = job.model_copy(update={"model_served_name": None})
    assert "names no served model" in choose(old, _unreachable(), reference=True).reason  # type: ignore[union-attr]
    asked_here = job.model_copy(update={"generation_backend": "in_process"})
    assert choose(asked_here, _unreachable(), reference=True).backend == "in_process"  # type: ignore[union-attr]
    assert choose(job.model_copy(update={"generate_answers": False}), _unreachable(), reference=True) is None


def test_service_asked_for_and_unreachable_fails_with_the_reason(
    tiny_family: dict[str, Path], checkpoint: Path, tmp_path: Path
) -> None:
    job = _job(tiny_family, checkpoint, tmp_path, "plain")
    with pytest.raises(ServiceUnavailable) as raised:
        choose(job, _unreachable(), reference=True)
    assert "generation_backend is 'service'" in raised.value.detail and "Cannot reach" in raised.value.detail


def _item_replies(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(i["model"], i["dataset_id"], i["index"], i["generated"]) for i in items]


def test_auto_finishes_in_process_when_the_service_fails_midway_and_says_so(
    tiny_family: dict[str, Path], checkpoint: Path, service: InferenceClient, tmp_path: Path
) -> None:
    job = _job(tiny_family, checkpoint, tmp_path, "plain").model_copy(update={"generation_backend": "auto"})
    notes: list[str] = []
    choice = choose(job, service, reference=True, on_fallback=notes.append)
    assert choice is not None and choice.backend == "service"
    answered: list[str] = []

    def then_the_server_goes_away(response: httpx.Response) -> None:
        if response.request.url.path == "/v1/completions":
            answered.append(response.request.url.path)
            service._http = httpx.Client(base_url="http://127.0.0.1:9")  # nothing listens there

    service._http.event_hooks["response"].append(then_the_server_goes_away)
    finished = run_evaluation(job, service_replies=choice.replies)
    assert answered == ["/v1/completions"], "one request was answered by the service before it went away"
    assert len(notes) == 2 and "candidate model" in notes[0] and "reference model" in notes[1]
    assert "Cannot reach" in notes[0] and "generated in process" in notes[0]
    assert _item_replies(finished.items) == _item_replies(run_evaluation(job).items)


def test_service_asked_for_fails_when_the_service_fails_midway(
    tiny_family: dict[str, Path], checkpoint: Path, service: InferenceClient, tmp_path: Path
) -> None:
    job = _job(tiny_family, checkpoint, tmp_path, "plain")
    notes: list[str] = []
    choice = choose(job, service, reference=True, on_fallback=notes.append)
    assert choice is not None and choice.on_fallback is None, "only auto falls back"
    service._http = httpx.Client(base_url="http://127.0.0.1:9")
    with pytest.raises(ServiceUnavailable):
        run_evaluation(job, service_replies=choice.replies)
    assert notes == []
