"""The energy a card's environmental section states, only when it states it unambiguously.

A section that gives several energy figures (a table of variants, training and inference...) or
several CO2 figures is left out rather than guessed from: which row belongs to this release
is not something a pattern can tell. The activity is recorded only when the sentence with the
figure names it (training, fine-tuning, inference); otherwise it is ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_NOT_A_RATE = r"(?![\w/])(?!\s*(?:/|per\b))"
_ENERGY = re.compile(_NUMBER + r"\s*([kKMGT])Wh\b" + _NOT_A_RATE)
_ENERGY_SCALE = {"k": 1.0, "K": 1.0, "M": 1e3, "G": 1e6, "T": 1e9}
_CO2 = re.compile(
    _NUMBER
    + r"\s*(t|tons?|tonnes?|metric\s+tons?|kg|kilograms?)\s*(?:of\s+)?"
    + r"CO[2₂](?:\s*-?\s*(?:eq\b\.?|equivalent\b|e\b))?"
    + _NOT_A_RATE,
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_ACTIVITIES = {
    "training": re.compile(r"\b(?:pre-?)?train(?:ing|ed|s)?\b", re.IGNORECASE),
    "fine-tuning": re.compile(r"\bfine-?tun(?:ing|ed|e)\b", re.IGNORECASE),
    "inference": re.compile(r"\binference\b", re.IGNORECASE),
}


@dataclass(frozen=True, slots=True)
class EnergyFigure:
    """One stated energy use in kWh, its CO2 in tonnes when stated, and the activity."""

    kilowatt_hours: float
    co2_tonnes: float | None
    activity: str


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def _tonnes(amount: str, unit: str) -> float:
    value = _value(amount)
    return value / 1000.0 if unit.lower().startswith("k") else value


def _sentence(text: str, start: int, end: int) -> str:
    before = [match.end() for match in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _activity(sentence: str) -> str:
    named = [name for name, pattern in _ACTIVITIES.items() if pattern.search(sentence)]
    return named[0] if len(named) == 1 else "other"


def energy_figure(text: str) -> EnergyFigure | None:
    """The section's energy figure when it states exactly one (and at most one CO2 figure);
    None otherwise."""
    energy = list(_ENERGY.finditer(text))
    kilowatt_hours = {_value(match.group(1)) * _ENERGY_SCALE[match.group(2)] for match in energy}
    co2 = {_tonnes(match.group(1), match.group(2)) for match in _CO2.finditer(text)}
    if len(kilowatt_hours) != 1 or len(co2) > 1:
        return None
    first = energy[0]
    activity = _activity(_sentence(text, first.start(), first.end()))
    return EnergyFigure(kilowatt_hours.pop(), co2.pop() if co2 else None, activity)
