"""The preference losses as pure functions of sequence log-probabilities, one value per pair (or example).

Notation: `policy_*`/`reference_*` are summed log-probs of a completion's trained tokens (the assistant answer and
its end-of-turn token) given its prompt; `*_mean` are the same divided by the completion's token count. Rewards are
what each method's loss implicitly scores a completion with; they are reported per step (rewards/chosen, ...).

    DPO    -log σ(β [(π_c − ref_c) − (π_r − ref_r)])                         reward β (π − ref)
    ORPO   −mean π_c − λ log σ(log odds_c − log odds_r), odds = p / (1 − p),  reward λ mean π
           p = exp(mean π); no reference model. λ is the spec's `beta`.
    SimPO  -log σ(β (mean π_c − mean π_r) − γ); no reference model            reward β mean π
    KTO    desirable:   w_d (1 − σ(β (π − ref − z)))                           reward β (π − ref)
           undesirable: w_u (1 − σ(β (z − (π − ref))))
           z = max(0, mean over mismatched prompt/answer pairs of (π − ref)), no gradient: the KL reference point
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch.nn.functional import logsigmoid


@dataclass(frozen=True)
class PairLosses:
    losses: torch.Tensor  # one per pair; the step's loss is their mean
    chosen_rewards: torch.Tensor
    rejected_rewards: torch.Tensor


def dpo_loss(
    policy_chosen: torch.Tensor,
    policy_rejected: torch.Tensor,
    reference_chosen: torch.Tensor,
    reference_rejected: torch.Tensor,
    beta: float,
) -> PairLosses:
    chosen_ratio = policy_chosen - reference_chosen
    rejected_ratio = policy_rejected - reference_rejected
    losses = -logsigmoid(beta * (chosen_ratio - rejected_ratio))
    return PairLosses(losses, beta * chosen_ratio.detach(), beta * rejected_ratio.detach())


def _log_odds(mean_logp: torch.Tensor) -> torch.Tensor:
    # log(p / (1 − p)) with p = exp(mean_logp); expm1 keeps 1 − p accurate when p is small, and the clamp keeps a
    # completion predicted with certainty (mean log-prob 0) finite.
    mean_logp = mean_logp.clamp(max=-1e-6)
    return mean_logp - torch.log(-torch.expm1(mean_logp))


def orpo_loss(chosen_mean: torch.Tensor, rejected_mean: torch.Tensor, lam: float) -> PairLosses:
    odds_ratio = logsigmoid(_log_odds(chosen_mean) - _log_odds(rejected_mean))
    losses = -chosen_mean - lam * odds_ratio
    return PairLosses(losses, lam * chosen_mean.detach(), lam * rejected_mean.detach())


def simpo_loss(chosen_mean: torch.Tensor, rejected_mean: torch.Tensor, beta: float, gamma: float) -> PairLosses:
    losses = -logsigmoid(beta * (chosen_mean - rejected_mean) - gamma)
    return PairLosses(losses, beta * chosen_mean.detach(), beta * rejected_mean.detach())


@dataclass(frozen=True)
class KtoLosses:
    losses: torch.Tensor  # one per example, weighted
    rewards: torch.Tensor  # β (π − ref) per example
    kl: float  # the reference point z


def kto_kl(policy_mismatched: torch.Tensor, reference_mismatched: torch.Tensor) -> torch.Tensor:
    """The KL reference point z: the mean log ratio on mismatched pairs, at least 0, outside the gradient."""
    return (policy_mismatched - reference_mismatched).mean().clamp(min=0).detach()


def kto_loss(
    policy: torch.Tensor,
    reference: torch.Tensor,
    desirable: torch.Tensor,
    kl: torch.Tensor,
    *,
    beta: float,
    desirable_weight: float,
    undesirable_weight: float,
) -> KtoLosses:
    ratio = policy - reference
    desirable_losses = desirable_weight * (1 - torch.sigmoid(beta * (ratio - kl)))
    undesirable_losses = undesirable_weight * (1 - torch.sigmoid(beta * (kl - ratio)))
    losses = torch.where(desirable, desirable_losses, undesirable_losses)
    return KtoLosses(losses, beta * ratio.detach(), float(kl))
