"""Sub-commands of the ``sportello`` command line, one module each.

Each module defines ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args) -> int``;
:mod:`sportello._cli` lists them in :data:`sportello._cli.COMMANDS`.
"""
