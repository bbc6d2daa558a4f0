"""One module per API resource; each holds its sync and async class side by side, and
the classes that return raw responses."""
