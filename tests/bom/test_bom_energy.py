"""Energy figures: recorded only when a section states exactly one, never picked from a table."""

from __future__ import annotations

import pytest

from opengrade.bom.energy import EnergyFigure, energy_figure


def test_one_figure_with_its_co2_and_activity() -> None:
    text = "Pre-training the model used 1.5 MWh and emitted 0.6 tCO₂eq in total."
    assert energy_figure(text) == EnergyFigure(1500.0, 0.6, "training")


def test_a_table_of_variants_is_left_out() -> None:
    table = (
        "| variant | power | intensity (kg CO₂e/KWh) | emissions (tCO₂eq) |\n"
        "|---|---|---|---|\n"
        "| small | 135 MWh | 0 | 0 |\n"
        "| large | 104 MWh | 0.656 | 75.05 |\n"
    )
    assert energy_figure(table) is None


def test_several_co2_figures_leave_the_energy_out() -> None:
    text = "Training used 20 kWh, about 8 kg CO2eq here and 11 kg CO2 eq. on another grid."
    assert energy_figure(text) is None


@pytest.mark.parametrize(
    ("text", "co2"),
    [
        ("Used 2,000 kWh. Emitted 600 kg CO2 eq.", 0.6),
        ("Used 2 MWh, or 1.2 t CO2e.", 1.2),
        ("Used 2 MWh, that is 1.2 tonnes of CO₂.", 1.2),
        ("Used 2 MWh at 0.4 kg CO2e/kWh.", None),  # a rate, not an amount
        ("Used 2 MWh.", None),
    ],
)
def test_co2_units(text: str, co2: float | None) -> None:
    figure = energy_figure(text)
    assert figure is not None and figure.kilowatt_hours == 2000.0
    assert figure.co2_tonnes == co2


@pytest.mark.parametrize(
    ("text", "activity"),
    [
        ("Fine-tuning took 40 kWh on one node.", "fine-tuning"),
        ("Serving inference for a month took 40 kWh.", "inference"),
        ("The cluster drew 40 kWh.", "other"),
        ("Training and fine-tuning together took 40 kWh.", "other"),
        ("Our trains are electric. The cluster drew 40 kWh.", "other"),
    ],
)
def test_activity_only_when_the_sentence_names_it(text: str, activity: str) -> None:
    figure = energy_figure(text)
    assert figure is not None and figure.activity == activity


def test_no_energy_figure() -> None:
    assert energy_figure("Emissions were 11250 kg CO2 eq.") is None
    assert energy_figure("Estimated electricity usage: forthcoming.") is None
