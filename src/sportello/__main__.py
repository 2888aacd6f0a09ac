"""``python -m sportello``: the command line."""

from sportello._cli import main

raise SystemExit(main())
