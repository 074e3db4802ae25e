"""The API keeps to its OpenAPI document whatever it is sent: schemathesis generates requests
from the document (valid ones and invalid ones) against the real app over the seeded store,
on SQLite and on PostgreSQL, and checks every answer: no 5xx, every status code documented,
every body matching its schema, problem+json for every error, writes refused without a key.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from attribution import create_app, keys
from attribution.store.db import get_engine, get_session

#: As many examples per operation as the attack in the issue used.
EXAMPLES = 25


def contract_app(url: str) -> Iterator[tuple[Flask, str]]:
    # Rate limits off: the run sends hundreds of requests a second from one address.
    app = create_app({"TESTING": False, "DATABASE_URL": url, "RATELIMIT_ENABLED": False})
    with app.app_context():
        _, key = keys.create(get_session(), "schemathesis")
    yield app, key
    with app.app_context():
        get_engine().dispose()


@pytest.fixture
def sqlite_api(seeded_url: str, tmp_path: Path) -> Iterator[tuple[Flask, str]]:
    # A copy of the seeded store: the run writes articles, and other tests read the seeds.
    copy = tmp_path / "contract.sqlite"
    shutil.copy(seeded_url.removeprefix("sqlite:///"), copy)
    yield from contract_app(f"sqlite:///{copy}")


@pytest.fixture
def postgres_api(
    postgres_url: str, seed_store: Callable[[str], None]
) -> Iterator[tuple[Flask, str]]:
    seed_store(postgres_url)
    yield from contract_app(postgres_url)


def check(case: schemathesis.Case, key: str) -> None:
    # Left out: positive_data_acceptance. The document cannot say every rule an article must
    # keep (an HTML page with no article text in it, a date that lies in the future, a control
    # character in a title), so a request it allows may still get a documented 422.
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {key}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
    if response.status_code >= 400:
        headers = {name.lower(): value for name, value in response.headers.items()}
        content_type = headers["content-type"]
        content_type = content_type[0] if isinstance(content_type, list) else content_type
        assert content_type.startswith("application/problem+json"), content_type


def keeps_its_contract(app: Flask, key: str) -> None:
    """Run every operation of the app's document with valid and invalid requests; fail with
    every operation that broke it, not only the first."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    # A generated body past MAX_CONTENT_LENGTH (an invalid text millions of characters long)
    # is refused with 413 before it is read: a rejection like any 4xx on schemathesis' list.
    schema.config.checks.negative_data_rejection.expected_statuses.append("413")
    broken: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                          operation.as_strategy(GenerationMode.NEGATIVE))

        @given(case=cases)
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            check(case, key)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - gathered, reported together below
            broken.append(f"{operation.label}: {exc}")
    assert operations >= 11  # every operation of the document was tried
    assert not broken, "\n\n".join(broken)


@pytest.mark.stanza
def test_api_keeps_its_contract_on_sqlite(sqlite_api: tuple[Flask, str]) -> None:
    keeps_its_contract(*sqlite_api)


@pytest.mark.stanza
@pytest.mark.postgres
def test_api_keeps_its_contract_on_postgres(postgres_api: tuple[Flask, str]) -> None:
    keeps_its_contract(*postgres_api)
