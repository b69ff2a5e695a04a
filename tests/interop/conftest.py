"""The JavaScript reference worker, shared by every interoperability test of the session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.interop import jsref


@pytest.fixture(scope="session")
def js() -> Iterator[jsref.JsReference]:
    """The running reference worker.

    Without Node.js or the installed stack the tests are skipped with a message saying that
    interoperability was not checked, unless ``INSIGNE_REQUIRE_JS=1`` (as in CI): then they fail.
    """
    reason = jsref.available()
    if reason is not None:
        message = f"{reason}: interoperability with the JavaScript reference was NOT checked"
        if jsref.required():
            pytest.fail(f"INSIGNE_REQUIRE_JS=1 but {message}", pytrace=False)
        pytest.skip(message)
    with jsref.start() as client:
        yield client
