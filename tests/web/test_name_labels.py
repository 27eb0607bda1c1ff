"""姓名 is a person's name: a workspace, an API token or a competitor (a company) is named with
its own label on its form."""

from __future__ import annotations

import pytest

from tests.factories import sign_in


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/admin/workspace", "工作区名称"),
        ("/settings/tokens", "令牌名称"),
        ("/competitors", "竞争对手名称"),
    ],
)
def test_a_thing_that_is_not_a_person_is_not_labelled_as_a_persons_name(client, acme, path, label):
    sign_in(client, "owner@acme.example")
    client.cookies.set("pcrm_lang", "zh_CN")

    page = client.get(path)

    assert page.status_code == 200
    assert f'<label for="f-name">{label}</label>' in page.text
    assert '<label for="f-name">姓名</label>' not in page.text
