"""The application under test: a desk that files SMART Help requests for its members."""

from sportello import forms
from sportello.client import Client


def file_request(client: Client, document: dict) -> str:
    """Validate a member's request, file it, and return its case number."""
    richiesta = forms.load(forms.RichiestaSmartHelp, document)
    return client.pratiche.submit(richiesta).numero
