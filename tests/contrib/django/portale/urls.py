"""The test portal's URLs: the admin and the customer registration form."""

from django.contrib import admin
from django.urls import path

from clienti import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("clienti/nuovo/", views.nuovo_cliente, name="nuovo_cliente"),
]
