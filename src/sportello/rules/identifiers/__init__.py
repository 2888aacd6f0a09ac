"""Italian identifiers, one module each, after python-stdnum.

Each module has ``compact``, ``validate`` (the compact value, or raises
:class:`sportello.ValidationError`), ``is_valid`` (never raises) and ``format``.
"""
