"""The sandbox plugin's fixtures, for the tests of the plugin itself."""

from sportello.testing._plugin import sportello_client, sportello_demo_sandbox, sportello_sandbox

__all__ = ["sportello_client", "sportello_demo_sandbox", "sportello_sandbox"]
