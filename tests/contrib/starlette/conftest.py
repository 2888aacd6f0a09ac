"""A small FastAPI portal using the adapter as its docs show: the app every test here talks to."""

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI

from sportello import forms
from sportello.contrib.starlette import EXCEPTION_HANDLERS, FormBody, register_schemas


def make_app() -> FastAPI:
    """The example portal: two form routes, the handler, the schemas registered."""
    app = FastAPI(title="Portale", exception_handlers=EXCEPTION_HANDLERS)

    @app.post("/v1/area-clienti/recupero-password", status_code=202)
    async def recupero_password(
        form: Annotated[forms.RecuperoPassword, Depends(FormBody(forms.RecuperoPassword))],
    ) -> dict[str, str]:
        return {"codice_cliente": form.codice_cliente}

    @app.post("/v1/pratiche/conciliazione", status_code=201)
    async def conciliazione(
        domanda: Annotated[
            forms.DomandaConciliazione, Depends(FormBody(forms.DomandaConciliazione))
        ],
    ) -> dict[str, str]:
        return {"modulo": str(domanda.modulo)}

    @app.get("/salute")
    async def salute() -> dict[str, str]:
        return {"stato": "ok"}

    register_schemas(app, forms.Login)
    return app


@pytest.fixture
def app() -> FastAPI:
    """A fresh example portal."""
    return make_app()
