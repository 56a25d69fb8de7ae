"""What a stage minimises: next-token loss (sft, cpt) or a preference loss (dpo, orpo, simpo, kto).

An objective says how much a micro-batch weighs (trained tokens, pairs, examples) and returns the summed loss of
the batch plus metric sums; the loop divides by the step's total weight, so gradient accumulation gives the same
update as one large batch for every stage.

DPO and KTO compare the policy with a frozen reference: the starting model. With LoRA/QLoRA that is the same model
with its adapter switched off (peft `disable_adapter()`), which costs no memory. With full/freeze it is a frozen
copy loaded from the model source in the compute dtype. A copy rather than log-probs precomputed once before
training, because KTO's reference point needs the reference on mismatched prompt/answer pairs that depend on how
each batch was drawn, and because resume then needs nothing saved: the copy always comes from the source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import torch
from peft import PeftModel

from specs.training import ResolvedTrainingSpec
from worker.engine.data.chat import IGNORE_INDEX
from worker.engine.errors import EngineError
from worker.engine.loading import load_model
from worker.engine.methods import TrainableModel, add_token_rows
from worker.engine.precision import MixedPrecision
from worker.engine.preference_losses import PairLosses, dpo_loss, kto_kl, kto_loss, orpo_loss, simpo_loss

Batch = dict[str, torch.Tensor]
MetricSums = dict[str, tuple[float, float]]  # metric name → (sum, count) over a batch
KTO_LABEL = "kto_label"  # batch key of a KTO batch's labels: 1 = desirable


class Objective(Protocol):
    def weight(self, batch: Batch) -> int:
        """What the step's loss is a mean over: trained tokens, pairs or examples in this batch."""
        ...

    def loss_sum(
        self, model: torch.nn.Module, batch: Batch, precision: MixedPrecision
    ) -> tuple[torch.Tensor, MetricSums]:
        """The batch's summed loss (with gradient) and its metric sums."""
        ...


def trained_tokens(batch: Batch) -> int:
    # Position t predicts token t+1, so the first label of a row never counts (packing masks each example's).
    return int((batch["labels"][:, 1:] != IGNORE_INDEX).sum())


def _on_device(batch: Batch, precision: MixedPrecision) -> Batch:
    return {key: value.to(precision.device) for key, value in batch.items()}


def _logits(model: torch.nn.Module, batch: Batch, precision: MixedPrecision) -> torch.Tensor:
    inputs = {key: value for key, value in batch.items() if key not in ("labels", KTO_LABEL)}
    with precision.autocast():
        return model(**inputs, use_cache=False).logits  # type: ignore[no-any-return]


def _token_losses(logits: torch.Tensor, labels: torch.Tensor, reduction: str = "none") -> torch.Tensor:
    """Next-token cross-entropy (fp32), 0 where the label is ignored: per position (rows, length - 1), or summed."""
    # Flattened rather than transposed to (rows, vocab, length): no second copy of the logits for large vocabularies.
    losses = torch.nn.functional.cross_entropy(
        logits[:, :-1].flatten(0, 1).float(), labels[:, 1:].flatten(), ignore_index=IGNORE_INDEX, reduction=reduction
    )
    return losses if reduction == "sum" else losses.view(labels.shape[0], -1)


class TokenLoss:
    """Summed next-token cross-entropy over the trained tokens: sft and cpt."""

    def weight(self, batch: Batch) -> int:
        return trained_tokens(batch)

    def loss_sum(
        self, model: torch.nn.Module, batch: Batch, precision: MixedPrecision
    ) -> tuple[torch.Tensor, MetricSums]:
        batch = _on_device(batch, precision)
        return _token_losses(_logits(model, batch, precision), batch["labels"], "sum"), {}


def sequence_logps(
    model: torch.nn.Module, batch: Batch, precision: MixedPrecision
) -> tuple[torch.Tensor, torch.Tensor]:
    """(summed log-prob of each row's trained tokens, their count) — batch already on the device."""
    token_logps = -_token_losses(_logits(model, batch, precision), batch["labels"])
    counts = (batch["labels"][:, 1:] != IGNORE_INDEX).sum(-1)
    return token_logps.sum(-1), counts


class ReferenceModel:
    """The frozen starting point: the policy with its adapter off, or a separate frozen copy."""

    def __init__(self, policy: torch.nn.Module, frozen_copy: torch.nn.Module | None) -> None:
        if frozen_copy is None and not isinstance(policy, PeftModel):
            raise EngineError("a reference model needs an adapter to switch off or a frozen copy")
        self.policy = policy
        self.frozen_copy = frozen_copy

    @contextmanager
    def _model(self) -> Iterator[torch.nn.Module]:
        if self.frozen_copy is not None:
            yield self.frozen_copy
            return
        assert isinstance(self.policy, PeftModel)
        with self.policy.disable_adapter():
            yield self.policy

    @torch.no_grad()
    def logps(self, batch: Batch, precision: MixedPrecision) -> torch.Tensor:
        with self._model() as model:
            return sequence_logps(model, batch, precision)[0]


def build_reference(
    spec: ResolvedTrainingSpec,
    trainable: TrainableModel,
    device: torch.device,
    precision: MixedPrecision,
    *,
    new_token_ids: Sequence[int],
    vocab_size: int,
) -> tuple[ReferenceModel, str]:
    """The reference for dpo/kto and a sentence for the log saying what it is."""
    if trainable.saves_adapter:
        return ReferenceModel(trainable.model, None), "reference model: the policy with its adapter switched off"
    copy = load_model(
        spec.model.path, device=device, dtype=precision.compute_dtype, trust_remote_code=spec.model.trust_remote_code
    )
    # The same rows the policy started with (their mean initialisation is exact), so step 0 policy == reference.
    add_token_rows(copy, new_token_ids, vocab_size)
    copy.requires_grad_(False)
    copy.eval()  # type: ignore[no-untyped-call]
    dtype = str(precision.compute_dtype).removeprefix("torch.")
    return ReferenceModel(trainable.model, copy), f"reference model: a frozen copy of {spec.model.name} in {dtype}"


def _pair_metrics(result: PairLosses) -> MetricSums:
    pairs = float(result.losses.numel())
    return {
        "rewards/chosen": (float(result.chosen_rewards.sum()), pairs),
        "rewards/rejected": (float(result.rejected_rewards.sum()), pairs),
        "rewards/accuracy": (float((result.chosen_rewards > result.rejected_rewards).sum()), pairs),
    }


@dataclass
class PairObjective:
    """DPO, ORPO or SimPO on a batch of n pairs laid out as n chosen rows followed by n rejected rows."""

    stage: str
    beta: float
    simpo_gamma: float
    reference: ReferenceModel | None

    def weight(self, batch: Batch) -> int:
        return int(batch["input_ids"].shape[0]) // 2

    def loss_sum(
        self, model: torch.nn.Module, batch: Batch, precision: MixedPrecision
    ) -> tuple[torch.Tensor, MetricSums]:
        batch = _on_device(batch, precision)
        pairs = self.weight(batch)
        logps, counts = sequence_logps(model, batch, precision)
        chosen, rejected = logps[:pairs], logps[pairs:]
        if self.stage == "dpo":
            assert self.reference is not None
            reference = self.reference.logps(batch, precision)
            result = dpo_loss(chosen, rejected, reference[:pairs], reference[pairs:], self.beta)
        else:
            means = logps / counts.clamp(min=1)
            if self.stage == "orpo":
                result = orpo_loss(means[:pairs], means[pairs:], self.beta)
            else:
                result = simpo_loss(means[:pairs], means[pairs:], self.beta, self.simpo_gamma)
        return result.losses.sum(), _pair_metrics(result)


@dataclass
class KtoObjective:
    """KTO on a batch of n examples: n rows of prompt + own answer, then n rows of prompt + another's answer."""

    beta: float
    desirable_weight: float
    undesirable_weight: float
    reference: ReferenceModel

    def weight(self, batch: Batch) -> int:
        return int(batch[KTO_LABEL].shape[0])

    def loss_sum(
        self, model: torch.nn.Module, batch: Batch, precision: MixedPrecision
    ) -> tuple[torch.Tensor, MetricSums]:
        batch = _on_device(batch, precision)
        n = self.weight(batch)
        own = {key: value[:n] for key, value in batch.items() if key != KTO_LABEL}
        mismatched = {key: value[n:] for key, value in batch.items() if key != KTO_LABEL}
        policy = sequence_logps(model, own, precision)[0]
        with torch.no_grad():
            policy_mismatched = sequence_logps(model, mismatched, precision)[0]
        reference = self.reference.logps(batch, precision)
        kl = kto_kl(policy_mismatched, reference[n:])
        desirable = batch[KTO_LABEL].bool()
        result = kto_loss(
            policy,
            reference[:n],
            desirable,
            kl,
            beta=self.beta,
            desirable_weight=self.desirable_weight,
            undesirable_weight=self.undesirable_weight,
        )
        rewards, wanted, unwanted = result.rewards, desirable, ~desirable
        metrics: MetricSums = {
            # Right side of the reference point: desirable answers scored above it, undesirable ones below.
            "rewards/accuracy": (float(((rewards > 0) == wanted).sum()), float(n)),
            "kl": (result.kl * n, float(n)),
        }
        if wanted.any():
            metrics["rewards/chosen"] = (float(rewards[wanted].sum()), float(wanted.sum()))
        if unwanted.any():
            metrics["rewards/rejected"] = (float(rewards[unwanted].sum()), float(unwanted.sum()))
        return result.losses.sum(), metrics


NEEDS_REFERENCE = frozenset({"dpo", "kto"})


def build_objective(spec: ResolvedTrainingSpec, reference: ReferenceModel | None) -> Objective:
    hp = spec.hyperparameters
    if spec.stage in ("sft", "cpt"):
        return TokenLoss()
    if spec.stage in NEEDS_REFERENCE and reference is None:
        raise EngineError(f"stage {spec.stage} needs a reference model")
    if spec.stage == "kto":
        assert reference is not None
        return KtoObjective(hp.beta, hp.kto_desirable_weight, hp.kto_undesirable_weight, reference)
    return PairObjective(spec.stage, hp.beta, hp.simpo_gamma, reference)
