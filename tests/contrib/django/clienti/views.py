"""The form view: GET shows the form, POST saves or shows every error."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from clienti.forms import ClienteForm


def nuovo_cliente(request: HttpRequest) -> HttpResponse:
    """Register a customer."""
    form = ClienteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("nuovo_cliente")
    return render(request, "clienti/cliente_form.html", {"form": form})
