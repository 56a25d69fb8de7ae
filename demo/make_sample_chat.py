"""Generate demo/sample_chat.jsonl, the bundled sample chat dataset.

The records follow a handful of fixed answer patterns (capitals, animal sounds, weekdays, opposites, small sums,
greetings) and a few system-prompt personas, so that even a tiny randomly initialised model shows a clearly
falling loss within a few hundred steps. Some records are multi-turn, some carry a system message, and a few
mark an earlier assistant turn with `"weight": 0` (kept as context, not trained).

Deterministic: the same script always writes the same file. Run `python demo/make_sample_chat.py`.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

SEED = 20240601
RECORDS = 400
OUT = Path(__file__).resolve().parent / "sample_chat.jsonl"

CAPITALS = {
    "France": "Paris",
    "Germany": "Berlin",
    "Italy": "Rome",
    "Spain": "Madrid",
    "Portugal": "Lisbon",
    "Japan": "Tokyo",
    "Canada": "Ottawa",
    "Egypt": "Cairo",
    "Kenya": "Nairobi",
    "Peru": "Lima",
    "Norway": "Oslo",
    "Sweden": "Stockholm",
    "Poland": "Warsaw",
    "Greece": "Athens",
    "Ireland": "Dublin",
    "Austria": "Vienna",
    "Chile": "Santiago",
    "India": "New Delhi",
    "China": "Beijing",
    "Mexico": "Mexico City",
}
SOUNDS = {
    "cow": "moo",
    "dog": "woof",
    "cat": "meow",
    "duck": "quack",
    "sheep": "baa",
    "pig": "oink",
    "owl": "hoot",
    "horse": "neigh",
    "lion": "roar",
    "frog": "croak",
    "bee": "buzz",
    "mouse": "squeak",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OPPOSITES = {
    "hot": "cold",
    "big": "small",
    "fast": "slow",
    "happy": "sad",
    "light": "dark",
    "early": "late",
    "open": "closed",
    "full": "empty",
    "old": "new",
    "high": "low",
    "strong": "weak",
    "wet": "dry",
}
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
]

PIRATE = "You are a pirate. Start every answer with Arr!"
TERSE = "Answer with a single word."


def _qa(rng: random.Random) -> tuple[str, str, str]:
    """One question, its full answer, and its one-word answer."""
    kind = rng.choice(["capital", "capital", "sound", "day", "opposite", "sum"])
    if kind == "capital":
        country, city = rng.choice(sorted(CAPITALS.items()))
        question = rng.choice(
            ["What is the capital of {c}?", "Which city is the capital of {c}?", "Tell me the capital of {c}."]
        ).format(c=country)
        return question, f"The capital of {country} is {city}.", f"{city}."
    if kind == "sound":
        animal, sound = rng.choice(sorted(SOUNDS.items()))
        question = rng.choice(["What sound does a {a} make?", "What does a {a} say?"]).format(a=animal)
        return question, f"A {animal} says {sound}.", f"{sound.capitalize()}."
    if kind == "day":
        i = rng.randrange(7)
        question = rng.choice(["What day comes after {d}?", "Which day follows {d}?"]).format(d=DAYS[i])
        return question, f"The day after {DAYS[i]} is {DAYS[(i + 1) % 7]}.", f"{DAYS[(i + 1) % 7]}."
    if kind == "opposite":
        word, opposite = rng.choice(sorted(OPPOSITES.items()))
        return f"What is the opposite of {word}?", f"The opposite of {word} is {opposite}.", f"{opposite.capitalize()}."
    a, b = rng.randint(1, 9), rng.randint(1, 9)
    return f"What is {a} plus {b}?", f"{a} plus {b} is {a + b}.", f"{NUMBER_WORDS[a + b].capitalize()}."


def _record(rng: random.Random) -> dict[str, Any]:
    shape = rng.random()
    question, answer, short = _qa(rng)
    if shape < 0.12:
        greeting = rng.choice(["Hello!", "Hi there!", "Good morning!"])
        return {
            "messages": [
                {"role": "user", "content": greeting},
                {"role": "assistant", "content": "Hello! How can I help you today?"},
            ]
        }
    if shape < 0.24:
        return {
            "messages": [
                {"role": "system", "content": PIRATE},
                {"role": "user", "content": question},
                {"role": "assistant", "content": f"Arr! {answer}"},
            ]
        }
    if shape < 0.36:
        return {
            "messages": [
                {"role": "system", "content": TERSE},
                {"role": "user", "content": question},
                {"role": "assistant", "content": short},
            ]
        }
    if shape < 0.56:
        follow_q, follow_a, _ = _qa(rng)
        first: dict[str, Any] = {"role": "assistant", "content": answer}
        if rng.random() < 0.25:
            # Earlier turn kept as context only, in the OpenAI fine-tuning format.
            first["weight"] = 0
        return {
            "messages": [
                {"role": "user", "content": question},
                first,
                {"role": "user", "content": follow_q},
                {"role": "assistant", "content": follow_a},
            ]
        }
    if shape < 0.66:
        return {
            "messages": [
                {"role": "user", "content": question},
                {"role": "assistant", "content": answer},
                {"role": "user", "content": rng.choice(["Thank you!", "Thanks!"])},
                {"role": "assistant", "content": "You are welcome! Is there anything else I can help with?"},
            ]
        }
    return {
        "messages": [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer},
        ]
    }


def generate(records: int = RECORDS, seed: int = SEED) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_record(rng) for _ in range(records)]


def main() -> None:
    lines = [json.dumps(record, ensure_ascii=False) for record in generate()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {OUT}")


if __name__ == "__main__":
    main()
