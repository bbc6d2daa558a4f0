"""``attendee fake`` (the fake server, started by its own entry point) and ``attendee
completion bash|zsh|fish``."""

from __future__ import annotations

from attendee_client.cli._arguments import Parents, Subparsers, command
from attendee_client.cli._completion import SHELLS, script
from attendee_client.cli._context import Context

__all__ = ["register"]


def _fake(ctx: Context) -> int:
    # One way to start the fake server: the entry point of ``python -m
    # attendee_client.testing``, given the words after ``fake`` to parse itself.
    from attendee_client.testing.__main__ import main

    return main(list(ctx.args.fake_arguments), prog="attendee fake")


def _completion(ctx: Context) -> None:
    ctx.runtime.stdout.write(script(ctx.args.shell, ctx.parser))


def register(commands: Subparsers, parents: Parents) -> None:
    """Add ``attendee fake`` and ``attendee completion``."""
    fake = commands.add_parser(
        "fake",
        add_help=False,
        help="run the fake Attendee server on 127.0.0.1 (fake --help: its options)",
        description="The fake Attendee server, as python -m attendee_client.testing runs it.",
    )
    fake.set_defaults(handler=_fake, fake_arguments=[])

    completion = command(
        commands,
        "completion",
        _completion,
        "print the shell completion script for bash, zsh or fish",
        parents.offline,
        "Print the completion script for a shell:\n\n"
        '  bash: eval "$(attendee completion bash)" in ~/.bashrc\n'
        '  zsh:  attendee completion zsh > "${fpath[1]}/_attendee", then restart zsh\n'
        "  fish: attendee completion fish > ~/.config/fish/completions/attendee.fish",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete for")
