"""The search box's service: what it makes of the text typed."""

from __future__ import annotations

import pytest

from pcrm.accounts.search import service


@pytest.mark.parametrize(
    ("typed", "seen"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "+8613812345678"),
        ("(010) 8888 6666", "01088886666"),
        ("  ＡＢＣ ", "abc"),
        ("华为 技术", "华为 技术"),
        ("   ", None),
        (None, None),
        ("x" * 150, "x" * 100),
    ],
)
def test_normalize_query_drops_spaces_and_dashes_only_from_phone_like_input(typed, seen):
    assert service.normalize_query(typed) == seen
