"""The customer app of the test portal: a model using every sportello field."""
