"""The test kit's controls: ``POST /_sandbox/reset`` and ``GET /_sandbox/faults``.

``POST /_sandbox/reset`` puts the sandbox back to the empty state (``{"seed": "demo"}``: the
demo data) in about a millisecond (:func:`sportello.sandbox._reset.reset`), optionally with the
clock frozen at ``freeze``; ``GET /_sandbox/faults`` lists the faults still queued, each with
the requests it has yet to hit, so a test can check that a fault fired.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import Violation
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import json_response, read_json
from sportello.sandbox._problems import ProblemError

__all__ = ["SEEDS", "routes"]

#: The seeds ``POST /_sandbox/reset`` knows.
SEEDS = ("empty", "demo")


def _parse(body: Any) -> tuple[str, dt.datetime | None]:
    problems: list[Violation] = []
    if not isinstance(body, dict) or set(body) - {"seed", "freeze"}:
        raise ProblemError(422, [Violation.of("api.invalid_parameter", name="reset")])
    seed = body.get("seed", "empty")
    if seed not in SEEDS:
        problems.append(Violation.of("api.invalid_parameter", path="seed", name="seed"))
    moment = None
    raw = body.get("freeze")
    if raw is not None:
        try:
            moment = dt.datetime.fromisoformat(raw) if isinstance(raw, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            problems.append(Violation.of("api.invalid_parameter", path="freeze", name="freeze"))
    if problems:
        raise ProblemError(422, problems)
    return seed, moment


def routes(sb: Sandbox) -> list[Route]:
    """The reset and fault-listing controls of ``sb``."""

    async def reset(request: Request) -> Response:
        """Back to the empty (or demo) state, the clock real (or frozen at ``freeze``)."""
        body, _ = await read_json(request, sb.settings.max_json_bytes)
        seed, moment = _parse(body)

        def work() -> None:
            if seed == "demo":
                from sportello.sandbox._seed import seed_demo

                when = moment or sb.settings.clock()
                sb.reset(moment=moment, seed=seed_demo, key=("demo", when.date()))
            else:
                sb.reset(moment=moment)

        await run_in_threadpool(work)
        return Response(status_code=204)

    async def faults(_: Request) -> Response:
        """The faults still queued, in order, each with the requests it has yet to hit."""
        return json_response({"queue": [f.to_json() for f in sb.faults.pending()]})

    return [
        Route("/_sandbox/reset", reset, methods=["POST"]),
        Route("/_sandbox/faults", faults, methods=["GET"]),
    ]
