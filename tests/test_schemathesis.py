"""schemathesis against the API, on each database: every phase (examples, coverage, fuzzing,
stateful sequences) with every check, a fixed seed and a bounded number of examples, as the
owner of a seeded workspace. It must report no server error and no answer that breaks the
OpenAPI document. Select or leave it out with `-m contract` / `-m "not contract"`.

One thing is told to schemathesis rather than read from the document: a request that matches
the schema may still be refused by a business rule that no JSON Schema can say (an
`account_id` that names no account, an e-mail already taken, an edit made to an older
version), so its check that schema-valid data is accepted also accepts 412 and 422
(docs/api.md). And a write sent without its required `If-Match` is answered 428 Precondition
Required, which its check of a missing required header is told to expect.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.engine import events, from_schema

from tests.factories import Team, make_team

pytestmark = [pytest.mark.contract, pytest.mark.commits]

SEED = 20261207
MAX_EXAMPLES = 6
MAX_STEPS = 12


@pytest.fixture
def team(uow) -> Team:
    with uow() as db:
        return make_team(db)


def config(token: str) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "cache": {"enabled": False},  # the same run every time, nothing left on disk
            "headers": {"Authorization": f"Bearer {token}"},
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "401", "403", "404", "409", "412", "422"]
                },
                # a write without its required If-Match is a 428 (docs/api.md)
                "missing_required_header": {
                    "expected-statuses": ["400", "401", "403", "406", "415", "422", "428"]
                },
            },
            "generation": {"max-examples": MAX_EXAMPLES},
            "phases": {"stateful": {"max-steps": MAX_STEPS}},
        }
    )


def test_the_api_keeps_its_openapi_contract(app: FastAPI, team: Team) -> None:
    schema = schemathesis.openapi.from_asgi(
        "/api/openapi.json", app, config=config(team.tokens["owner"])
    )
    started = time.monotonic()
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    errors: list[str] = []
    phases: dict[str, str] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            for nodes in event.recorder.checks.values():
                for node in nodes:
                    if node.failure_info is not None:
                        key = f"{event.recorder.label}: {node.failure_info.failure.title}"
                        failures[key] += 1
                        examples.setdefault(key, node.failure_info.code_sample)
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(f"{getattr(event, 'label', '')}: {event.info.format()}")
        elif isinstance(event, events.PhaseFinished):
            phases[event.phase.name.value] = event.status.value
    elapsed = time.monotonic() - started
    print(f"schemathesis: {elapsed:.0f} s, phases {phases}")
    report = [f"{count} × {key}\n  {examples[key]}" for key, count in failures.items()]
    found = "\n".join(errors + report)
    print(found)
    assert found == ""
    ran = {"examples", "coverage", "fuzzing", "stateful"}
    assert {phases.get(name) for name in ran} == {"success"}, phases
