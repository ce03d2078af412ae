"""Fixtures of the story tests."""

from __future__ import annotations

import pytest

from tests.stories.fixtures import switch_only_x_model_off


@pytest.fixture
def only_x_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The only-X confidence model off, for a test module's every test (``pytestmark``): the form tests alone decide."""
    switch_only_x_model_off(monkeypatch)
