"""A utility's customer area, the data: invoices, personal data, contracts, consumption.

UP-5..UP-9 and EB-1..EB-3; every answer is about the caller's own customer record.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sportello._violations import ValidationError, Violation
from sportello.rules import area_clienti as up
from sportello.sandbox import _clienti_data as data
from sportello.sandbox._core import Sandbox
from sportello.sandbox._http import (
    file_response,
    json_response,
    load_form,
    query_date,
    query_int,
    read_json,
)
from sportello.sandbox._problems import ProblemError
from sportello.sandbox._routes_clienti_account import REALM, confirm_email_change

__all__ = ["routes"]


def _punto_of(request: Request, db: sqlite3.Connection, cliente_id: int, elettrico: bool) -> str:
    """UP-4: the chosen supply point (``?punto=``), else the first (electric for UP-8)."""
    chosen = request.query_params.get("punto")
    if chosen:
        return str(data.punto_row(db, cliente_id, chosen)["codice"])
    sql = "SELECT codice FROM punti WHERE cliente_id = ?"
    if elettrico:
        sql += " AND fornitura = 'elettricita'"
    row = db.execute(sql + " ORDER BY codice", (cliente_id,)).fetchone()
    if row is None:
        raise ProblemError.of(404, "api.not_found")
    return str(row["codice"])


def routes(sb: Sandbox) -> list[Route]:  # noqa: PLR0915 - one closure per endpoint
    """The data endpoints of the customer area of ``sb``.

    - UP-4: ``?punto=`` chooses the supply point of UP-7 and UP-8.
    - UP-5: invoices from 2014; only those with a PDF download.
    - UP-6: only telefono, fax and email change; a new e-mail needs the current password
      (``password_attuale``, checked and throttled like a login).
    - UP-7: billed energy and power per year; UP-8: measurements by interval, CSV download.
    - UP-9: technical and contract data, documents and tickets are read-only (405).
    - EB-1, EB-3: the e-bill needs bank direct debit; each contract has its own e-mail.
    """
    from sportello import forms

    async def fatture(request: Request) -> Response:
        # UP-5: invoices from 2014, newest first (``?anno=`` filters a year).
        who = await sb.principal(request, REALM)
        anno = query_int(request, "anno", default=None, lo=1900, hi=9999)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            rows = {
                r["numero"]: r
                for r in db.execute("SELECT * FROM fatture WHERE cliente_id = ?", (who.subject,))
            }
            listed = up.invoice_list(data.fattura_of(r) for r in rows.values())
            items = [
                {
                    "numero": f.numero,
                    "data_emissione": f.data.isoformat(),
                    "scadenza": rows[f.numero]["scadenza"],
                    "importo": str(f.importo),
                    "punto_fornitura": rows[f.numero]["punto"],
                    "pdf": up.downloadable(f),
                }
                for f in listed
                if anno is None or f.data.year == anno
            ]
            return {"items": items}

        return json_response(await sb.read(work))

    async def fattura_pdf(request: Request) -> Response:
        # UP-5: only listed invoices with a PDF can be downloaded (else 404).
        who = await sb.principal(request, REALM)
        numero = request.path_params["numero"]

        def work(db: sqlite3.Connection) -> bytes:
            row = db.execute(
                "SELECT * FROM fatture WHERE numero = ? AND cliente_id = ?", (numero, who.subject)
            ).fetchone()
            if row is None:
                raise ProblemError.of(404, "api.not_found")
            problems = up.check_download(data.fattura_of(row))
            if problems:
                raise ProblemError(404, problems)
            return bytes(row["pdf"])

        pdf = await sb.read(work)
        return file_response(request, pdf, "application/pdf", f"fattura-{numero}.pdf")

    async def anagrafica(request: Request) -> Response:
        # UP-6: the customer's personal data.
        who = await sb.principal(request, REALM)
        row = await sb.read(lambda db: data.cliente_row(db, who.subject))
        return json_response(data.anagrafica_json(row))

    async def aggiorna_anagrafica(request: Request) -> Response:
        # UP-6: only telefono, fax and email change; any other field is refused.
        from sportello.rules import profile

        who = await sb.principal(request, REALM)
        body, _raw = await read_json(request, sb.settings.max_json_bytes)
        form = load_form(forms.AggiornamentoAnagrafica, body)
        changes = forms.dump(form)
        password = changes.pop("password_attuale", None)
        try:
            clean = profile.normalize_update(changes)
        except ValidationError as err:
            raise ProblemError(422, err.violations) from None
        await confirm_email_change(sb, who.subject, clean.get("email"), password)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            for field in ("telefono", "fax", "email"):
                if field in clean or field in changes:
                    db.execute(
                        f"UPDATE clienti SET {field} = ? WHERE id = ?",  # noqa: S608 - fixed names
                        (clean.get(field) or None, who.subject),
                    )
            return data.anagrafica_json(data.cliente_row(db, who.subject))

        return json_response(await sb.write(work))

    async def contratti(request: Request) -> Response:
        """The customer's contracts."""
        who = await sb.principal(request, REALM)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            rows = db.execute(
                "SELECT * FROM contratti WHERE cliente_id = ? ORDER BY codice", (who.subject,)
            ).fetchall()
            return {
                "items": [
                    {
                        "codice": r["codice"],
                        "punto_fornitura": r["punto"],
                        "offerta": r["offerta"],
                        "data_inizio": r["data_inizio"],
                        "domiciliazione_bancaria": bool(r["domiciliazione"]),
                    }
                    for r in rows
                ]
            }

        return json_response(await sb.read(work))

    def _modalita_json(db: sqlite3.Connection, cliente_id: int, codice: str) -> dict[str, Any]:
        from sportello.rules import billing

        cliente = data.cliente_row(db, cliente_id)
        account = data.account_of(db, cliente)
        found = next((c for c in account.contratti if c.codice == codice), None)
        if found is None:
            raise ProblemError.of(404, "api.not_found")
        return {
            "contratto": codice,
            "modalita": found.modalita.value,
            "email": billing.delivery_email(account, codice),
        }

    async def modalita_invio(request: Request) -> Response:
        # EB-3: a contract's delivery mode and e-mail (default: the registration e-mail).
        who = await sb.principal(request, REALM)
        codice = request.path_params["codice"]
        return json_response(await sb.read(lambda db: _modalita_json(db, who.subject, codice)))

    async def imposta_modalita_invio(request: Request) -> Response:
        # EB-1..EB-3: e-bill only with bank direct debit; each contract its own e-mail.
        from sportello.rules import billing

        who = await sb.principal(request, REALM)
        codice = request.path_params["codice"]
        body, _raw = await read_json(request, sb.settings.max_json_bytes)
        if isinstance(body, dict):
            body = {"contratto": codice, **body}
        form = load_form(forms.ModalitaInvioBolletta, body)
        if form.contratto != codice:
            raise ProblemError(
                422, [Violation.of("api.invalid_parameter", path="contratto", name="contratto")]
            )

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            cliente = data.cliente_row(db, who.subject)
            account = data.account_of(db, cliente)
            if not any(c.codice == codice for c in account.contratti):
                raise ProblemError.of(404, "api.not_found")
            try:
                updated = billing.update_delivery(
                    account,
                    codice,
                    modalita=billing.ModalitaInvio(form.modalita.value),
                    email_invio=form.email_invio,
                )
            except ValidationError as err:
                raise ProblemError(422, err.violations) from None
            new = next(c for c in updated.contratti if c.codice == codice)
            db.execute(
                "UPDATE contratti SET modalita = ?, email = ? WHERE codice = ?",
                (new.modalita.value, new.email_invio, codice),
            )
            return _modalita_json(db, who.subject, codice)

        return json_response(await sb.write(work))

    async def prelievi(request: Request) -> Response:
        # UP-7: billed energy and power of a year, month by month, with the year's total.
        who = await sb.principal(request, REALM)
        anno = query_int(request, "anno", default=None, lo=1900, hi=9999)

        def work(db: sqlite3.Connection) -> dict[str, Any]:
            punto = _punto_of(request, db, who.subject, elettrico=False)
            year = anno
            if year is None:
                last = db.execute(
                    "SELECT MAX(anno) AS a FROM prelievi WHERE punto = ?", (punto,)
                ).fetchone()
                year = last["a"] or sb.settings.clock().year
            rows = db.execute(
                "SELECT * FROM prelievi WHERE punto = ? AND anno = ? ORDER BY mese", (punto, year)
            ).fetchall()
            months = [
                up.PrelievoMensile(year, r["mese"], Decimal(r["energia"]), Decimal(r["potenza"]))
                for r in rows
            ]
            out: dict[str, Any] = {
                "anno": year,
                "punto_fornitura": punto,
                "items": [
                    {
                        "mese": m.mese,
                        "energia_kwh": str(m.energia_kwh),
                        "potenza_kw": str(m.potenza_kw),
                    }
                    for m in months
                ],
            }
            totals = up.yearly_withdrawals(months)
            if totals:
                out["totale"] = {
                    "energia_kwh": str(totals[0].energia_kwh),
                    "potenza_kw": str(totals[0].potenza_kw),
                    "mesi": totals[0].mesi,
                }
            return out

        return json_response(await sb.read(work))

    async def misure(request: Request) -> Response:
        # UP-8: electricity measurements from ``dal`` to ``al``; ``formato=csv`` to download.
        who = await sb.principal(request, REALM)
        dal, al = query_date(request, "dal"), query_date(request, "al")
        formato = request.query_params.get("formato", "json")
        if formato not in ("json", "csv"):
            raise ProblemError(
                400, [Violation.of("api.invalid_parameter", path="formato", name="formato")]
            )

        def work(db: sqlite3.Connection) -> tuple[str, list[Any]]:
            punto = _punto_of(request, db, who.subject, elettrico=True)
            rows = db.execute(
                "SELECT inizio, energia FROM misure WHERE punto = ?", (punto,)
            ).fetchall()
            items = [
                up.Misura(dt.datetime.fromisoformat(r["inizio"]), Decimal(r["energia"]))
                for r in rows
            ]
            try:
                return punto, list(up.filter_measurements(items, dal, al))
            except ValidationError as err:
                raise ProblemError(400, err.violations) from None

        punto, chosen = await sb.read(work)
        if formato == "csv":
            return Response(
                up.measurements_csv(chosen),
                media_type="text/csv",
                headers={"Content-Disposition": f'attachment; filename="misure-{punto}.csv"'},
            )
        return json_response(
            {
                "punto_fornitura": punto,
                "items": [
                    {
                        "inizio": m.istante.replace(tzinfo=data.ROME).isoformat(),
                        "energia_kwh": str(m.energia_kwh),
                    }
                    for m in chosen
                ],
            }
        )

    def _read_only(kind: str) -> Any:
        async def endpoint(request: Request) -> Response:
            # UP-9: technical and contract data, documents and tickets are read-only.
            who = await sb.principal(request, REALM)

            def work(db: sqlite3.Connection) -> dict[str, Any]:
                if kind in ("tecnici", "contrattuali"):
                    return data.schede_json(db, who.subject, kind)
                if kind == "documenti":
                    rows = db.execute(
                        "SELECT id, titolo, data FROM documenti_cliente WHERE cliente_id = ?"
                        " ORDER BY data DESC",
                        (who.subject,),
                    ).fetchall()
                else:
                    rows = db.execute(
                        "SELECT id, oggetto, stato, aperto_il FROM ticket WHERE cliente_id = ?"
                        " ORDER BY aperto_il DESC",
                        (who.subject,),
                    ).fetchall()
                return {"items": [dict(r) for r in rows]}

            return json_response(await sb.read(work))

        return endpoint

    async def not_editable(_: Request) -> Response:
        # UP-9: any change to the read-only sections is refused (405).
        raise ProblemError(405, [Violation.of("api.not_editable")], headers={"Allow": "GET, HEAD"})

    p = "/v1/area-clienti"
    out = [
        Route(f"{p}/fatture", fatture, methods=["GET"]),
        Route(f"{p}/fatture/{{numero}}/pdf", fattura_pdf, methods=["GET"]),
        Route(f"{p}/anagrafica", anagrafica, methods=["GET"]),
        Route(f"{p}/anagrafica", aggiorna_anagrafica, methods=["PATCH"]),
        Route(f"{p}/contratti", contratti, methods=["GET"]),
        Route(f"{p}/contratti/{{codice}}/modalita-invio", modalita_invio, methods=["GET"]),
        Route(f"{p}/contratti/{{codice}}/modalita-invio", imposta_modalita_invio, methods=["PUT"]),
        Route(f"{p}/prelievi", prelievi, methods=["GET"]),
        Route(f"{p}/misure", misure, methods=["GET"]),
    ]
    for name, kind in (
        ("dati-tecnici", "tecnici"),
        ("dati-contrattuali", "contrattuali"),
        ("documenti", "documenti"),
        ("ticket", "ticket"),
    ):
        out.append(Route(f"{p}/{name}", _read_only(kind), methods=["GET"]))
        out.append(Route(f"{p}/{name}", not_editable, methods=["POST", "PUT", "PATCH", "DELETE"]))
    return out
