"""The Django tests run in a real project: ``portale`` (settings, urls) and its app ``clienti``.

pytest-django sets Django up with ``portale.settings`` (pyproject: ``DJANGO_SETTINGS_MODULE``,
``pythonpath``); the project's modules are not test modules, so doctest collection skips them.
"""

collect_ignore = ["portale", "clienti", "manage.py"]
