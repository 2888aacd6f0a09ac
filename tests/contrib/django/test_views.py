"""The form view through Django's test client: Italian errors, English on request, saved values."""

import pytest
from django.test import Client

from clienti.models import Cliente

from .test_fields import VALID


@pytest.mark.django_db
def test_a_valid_post_saves_compact_values(client: Client) -> None:
    """POSTing the form saves the customer with compact identifiers and redirects."""
    answer = client.post("/clienti/nuovo/", VALID)
    assert answer.status_code == 302
    assert Cliente.objects.get().codice_fiscale == "RSSMRA85T10A562S"


@pytest.mark.django_db
def test_errors_are_shown_in_italian_next_to_their_field(client: Client) -> None:
    """A bad code is shown on the page in Italian, nothing is saved (UP-2)."""
    answer = client.post(
        "/clienti/nuovo/", {**VALID, "codice_cliente": "12", "pod": "IT001X12345678"}
    )
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Il codice cliente deve avere 6 cifre (ne ha 2)." in page
    assert "Il codice POD deve avere la forma IT" in page
    assert Cliente.objects.count() == 0
    form = answer.context["form"]
    assert form.errors.as_data()["codice_cliente"][0].code == "codice_cliente.invalid_length"


@pytest.mark.django_db
def test_errors_follow_accept_language(client: Client) -> None:
    """With LocaleMiddleware, Accept-Language: en gives the English messages (UP-2)."""
    answer = client.post(
        "/clienti/nuovo/", {**VALID, "codice_cliente": "12"}, headers={"Accept-Language": "en"}
    )
    assert "The customer code must have 6 digits (it has 2)." in answer.content.decode()


@pytest.mark.django_db
def test_a_taken_customer_code_is_djangos_unique_error(client: Client) -> None:
    """The same customer code twice, spelt differently, is refused as a duplicate (UP-2)."""
    assert client.post("/clienti/nuovo/", VALID).status_code == 302
    answer = client.post("/clienti/nuovo/", {**VALID, "codice_cliente": "005-007"})
    assert answer.status_code == 200
    assert answer.context["form"].errors.as_data()["codice_cliente"][0].code == "unique"
