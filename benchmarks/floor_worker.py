"""The naive async floor, run in a fresh environment holding only httpx (no sniffio).

Started by run.py with the interpreter of that environment. Reads commands on stdin
(``seq N`` or ``conc N TASKS``), runs that many GETs plus ``json.loads`` on one
``httpx.AsyncClient``, and prints the seconds they took.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import httpx

DETAIL = "/api/v1/zoom_oauth_connections/zoc_abcdef1234567890"


async def main(base_url: str) -> None:
    loop = asyncio.get_running_loop()
    headers = {"Authorization": "Token bench-key", "Accept": "application/json"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers) as client:

        async def get() -> object:
            return json.loads((await client.get(DETAIL)).content)

        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                return
            kind, *numbers = line.split()
            operations = int(numbers[0])
            started = time.perf_counter()
            if kind == "seq":
                for _ in range(operations):
                    await get()
            else:
                tasks = int(numbers[1])
                for _ in range(operations // tasks):
                    await asyncio.gather(*(get() for _ in range(tasks)))
            print(time.perf_counter() - started, flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
