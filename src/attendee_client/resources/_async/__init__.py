"""The resources, written once for asyncio; the synchronous ones are made from these."""
