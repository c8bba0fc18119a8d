"""Cases generated from the API's own OpenAPI schema by schemathesis (issue 12, part 4): no answer is a 5xx,
and every 4xx is a JSON error naming its cause. Bounded: a few examples per operation, the file well under 60 s.

The schema is read from the app without starting it; the app (its analysis pool) starts on the first call,
through schemathesis's ASGI transport, and serves the whole run.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from extractor.api import ApiSettings, create_app

FOLDER = Path(tempfile.mkdtemp(prefix="zhengce-fuzz-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
APP = create_app(FOLDER / "store", settings=ApiSettings(workers=1, queue=4, request_seconds=30, max_upload_mb=1))
schema = schemathesis.openapi.from_dict(APP.openapi())


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case: Any) -> None:
    response = case.call(app=APP)
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"], response.text[:300]
