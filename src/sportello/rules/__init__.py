"""Floor 1: pure rules and records. No I/O, no HTTP, no forms: only the standard library,
attrs and the identifier libraries. Each rule's docstring names the catalog IDs it enforces.
"""
