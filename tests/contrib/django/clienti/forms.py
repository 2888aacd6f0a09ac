"""The registration form: a ModelForm over Cliente."""

from django import forms

from clienti.models import Cliente


class ClienteForm(forms.ModelForm):
    """Every field of Cliente, validated by sportello."""

    class Meta:
        """All the fields."""

        model = Cliente
        fields = "__all__"
