"""Several grouping settings on the tuning days, each day imported once (``bench/days_grid.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench.days_eval import DayResult, print_table
from bench.days_grid import config_of, parse_point
from bench.days_setting_lodo import DayScore, read_table
from rich.console import Console


def test_a_point_names_its_settings_with_their_types() -> None:
    assert parse_point("main") == ("main", {})
    name, settings = parse_point("e90j4=event_link_probability=0.9,join_least=4")
    assert name == "e90j4" and settings == {"event_link_probability": 0.9, "join_least": 4}
    config = config_of(settings)
    assert config.event_link_probability == 0.9 and config.join_least == 4


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(SystemExit):
        parse_point("x=no_such_setting=1")


def test_its_tables_read_as_days_eval_tables(tmp_path: Path) -> None:
    result = DayResult("2020-10-18", 200, 1.0, 150, 0.4, labelled=190, precision=0.99, recall=0.9, f1=0.938,
                       pair_recall=0.5, pure=27, multi=28, multi_reports=9)
    path = tmp_path / "days.txt"
    with path.open("w", encoding="utf-8") as handle:
        print_table(Console(file=handle, width=180), [("tuning", result)], "days_grid point main: defaults")
    assert read_table(path) == {"2020-10-18": DayScore(0.938, 27, 28)}
