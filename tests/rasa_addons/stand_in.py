"""An action server stand-in for the checks that run inside Rasa's environment: a real HTTP
server on loopback that answers every call with one status and body."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web


@asynccontextmanager
async def action_server_answering(body: Any, status: int = 200) -> AsyncIterator[str]:
    """The stand-in's webhook URL while the block runs."""
    async def webhook(_request: web.Request) -> web.Response:
        return web.json_response(body, status=status)

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}/webhook"
    finally:
        await runner.cleanup()
