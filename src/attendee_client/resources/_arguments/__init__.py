"""Argument checks and request bodies, the same for both flavours of each resource."""
