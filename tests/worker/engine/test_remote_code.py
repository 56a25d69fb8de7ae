"""trust_remote_code: only the spec's per-model flag lets a model folder's own Python code run, and only for it.

The folder is built here from tiny-base plus a local `modeling_*.py` (nothing comes from the internet); its
model class marks every instance, so a test can tell whether the folder's code ran.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch

from specs.training import ModelSource
from worker.engine.demo_models import TINY_BASE, demo_spec
from worker.engine.loading import load_model, load_model_and_tokenizer, load_tokenizer
from worker.engine.methods import build_trainable_model
from worker.engine.precision import mixed_precision

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")

CONFIGURATION = """
from transformers import LlamaConfig


class RemoteConfig(LlamaConfig):
    model_type = "tunewright_remote_test"
"""

MODELING = """
from transformers import LlamaForCausalLM

from .configuration_remote import RemoteConfig


class RemoteForCausalLM(LlamaForCausalLM):
    config_class = RemoteConfig

    def __init__(self, config):
        super().__init__(config)
        self.ran_remote_code = True
"""


@pytest.fixture(scope="module")
def remote_model(tiny_family: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote") / "remote-model"
    shutil.copytree(tiny_family[TINY_BASE], folder)
    (folder / "configuration_remote.py").write_text(CONFIGURATION)
    (folder / "modeling_remote.py").write_text(MODELING)
    config = json.loads((folder / "config.json").read_text())
    config.update(
        model_type="tunewright_remote_test",
        architectures=["RemoteForCausalLM"],
        auto_map={
            "AutoConfig": "configuration_remote.RemoteConfig",
            "AutoModelForCausalLM": "modeling_remote.RemoteForCausalLM",
        },
    )
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def test_without_the_flag_the_folder_code_never_runs(remote_model: Path) -> None:
    with pytest.raises(ValueError, match="trust_remote_code"):
        load_model(str(remote_model), device=torch.device("cpu"))


def test_the_flag_loads_the_folder_code_and_its_safetensors_weights(
    remote_model: Path, tiny_family: dict[str, Path]
) -> None:
    model, tokenizer = load_model_and_tokenizer(
        ModelSource(name="remote", path=str(remote_model), variant="base", trust_remote_code=True),
        device=torch.device("cpu"),
    )
    assert type(model).__name__ == "RemoteForCausalLM" and getattr(model, "ran_remote_code", False)
    reference = load_model(str(tiny_family[TINY_BASE]), device=torch.device("cpu"))
    assert torch.equal(model.get_input_embeddings().weight, reference.get_input_embeddings().weight)
    assert len(tokenizer) == len(load_tokenizer(str(tiny_family[TINY_BASE])))


@pytest.mark.parametrize("method", ["lora", "full"])
def test_the_spec_flag_reaches_the_training_loader(
    remote_model: Path, tiny_family: dict[str, Path], method: str
) -> None:
    spec = demo_spec(tiny_family[TINY_BASE].parent, method="lora" if method == "lora" else "full")
    spec.model = ModelSource(name="remote", path=str(remote_model), variant="base", trust_remote_code=True)
    device = torch.device("cpu")
    trainable = build_trainable_model(spec, device, mixed_precision("fp32", device))
    assert any(type(m).__name__ == "RemoteForCausalLM" for m in trainable.model.modules())

    spec.model = ModelSource(name="remote", path=str(remote_model), variant="base")  # the default: untrusted
    with pytest.raises(ValueError, match="trust_remote_code"):
        build_trainable_model(spec, device, mixed_precision("fp32", device))


def test_inference_and_export_load_with_the_flag_only(remote_model: Path, tmp_path: Path) -> None:
    from worker.engine.export import export_checkpoint
    from worker.engine.inference import load_for_inference

    loaded = load_for_inference(remote_model, device=torch.device("cpu"), trust_remote_code=True)
    assert type(loaded.model).__name__ == "RemoteForCausalLM"
    with pytest.raises(ValueError, match="trust_remote_code"):
        load_for_inference(remote_model, device=torch.device("cpu"))

    result = export_checkpoint(
        remote_model,
        tmp_path / "export",
        "merged",
        "fp32",
        record={},
        device=torch.device("cpu"),
        trust_remote_code=True,
    )
    assert result.parity is not None
    exported = json.loads((tmp_path / "export" / "config.json").read_text())
    assert exported["auto_map"]["AutoModelForCausalLM"].endswith("RemoteForCausalLM")
    assert (tmp_path / "export" / "model.safetensors").is_file()
