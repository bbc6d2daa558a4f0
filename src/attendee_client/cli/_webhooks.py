"""``attendee webhooks verify|sign``: check a delivery's signature and show its typed event,
or sign a body as Attendee would (to test a receiver). Offline: no API key needed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from attendee_client.cli._arguments import Parents, Subparsers, command, command_group
from attendee_client.cli._context import Context, UsageError
from attendee_client.cli._views import Cell, plain

__all__ = ["register"]


def _secret(ctx: Context) -> str:
    from attendee_client import webhooks

    secret: str | None = ctx.args.secret or ctx.runtime.environ.get(webhooks.SECRET_ENV)
    if not secret:
        raise UsageError(f"no webhook secret: set {webhooks.SECRET_ENV} or pass --secret")
    return secret


def _body(ctx: Context) -> bytes:
    stdin = ctx.runtime.stdin
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        data: bytes = buffer.read()
        return data
    return stdin.read().encode("utf-8")


def _fields(value: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Cell]]:
    """The event's fields that have a value, an object's one level down as ``data.x``."""
    fields: list[tuple[str, Cell]] = []
    for name, item in value.items():
        if isinstance(item, Mapping) and not prefix:
            fields.extend(_fields(item, f"{name}."))
        elif item is not None:
            fields.append((f"{prefix}{name}", (plain(item), None)))
    return fields


def _verify(ctx: Context) -> None:
    from attendee_client import webhooks

    secret = _secret(ctx)
    body = _body(ctx)
    event = webhooks.construct_event(body, ctx.args.signature, secret)
    if ctx.output.json_mode:
        # The delivery as Attendee sent it (verified): the event's to_dict() would add the
        # optional fields the delivery left out, as nulls.
        ctx.output.json(json.loads(body))
        return
    data = dict(event.raw) if isinstance(event, webhooks.UnknownWebhookEvent) else event.to_dict()
    kind = type(event).__name__
    ctx.output.details([("verified", (f"yes ({kind})", "good")), *_fields(data)])


def _sign(ctx: Context) -> None:
    from attendee_client import webhooks

    secret = _secret(ctx)
    ctx.runtime.stdout.write(webhooks.sign_payload(_body(ctx), secret) + "\n")


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee webhooks verify`` and ``sign``."""
    hooks = command_group(commands, "webhooks", "verify and sign webhook deliveries (offline)")
    verify = command(
        hooks,
        "verify",
        _verify,
        "verify a delivery read from stdin and print its event",
        parents.offline,
        "Verify a delivery (its body on stdin, its X-Webhook-Signature as --signature) and\n"
        "print the typed event. Exit status 1, with the reason, when it does not verify.\n\n"
        '  attendee webhooks verify --signature "$SIGNATURE" < body.json',
    )
    verify.add_argument(
        "--signature", metavar="SIG", required=True, help="the X-Webhook-Signature header"
    )
    verify.add_argument(
        "--secret",
        metavar="S",
        help="the project's webhook secret (default: "
        "$ATTENDEE_WEBHOOK_SECRET, which keeps it out of ps)",
    )
    sign = command(
        hooks,
        "sign",
        _sign,
        "print the signature Attendee would send with the body on stdin",
        parents.offline,
    )
    sign.add_argument(
        "--secret", metavar="S", help="the webhook secret (default: $ATTENDEE_WEBHOOK_SECRET)"
    )
