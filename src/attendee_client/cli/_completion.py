"""Shell completion scripts for bash, zsh and fish, generated from the parser: every command,
every option (with its help in zsh and fish), the choices of an option's value, files for
``FILE`` values, and bot states for ``--state`` and ``--until``.

Each script finds the command path typed so far (``bots create``) by walking the words,
skipping the value after an option that takes one, then offers that path's commands, its
options (a word starting with ``-``), or the values of the option just typed.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass

from attendee_client.cli._arguments import walk

__all__ = ["SHELLS", "Node", "nodes", "script"]

SHELLS = ("bash", "zsh", "fish")
FILE = "@file"
_STATE_OPTIONS = frozenset({"state", "until"})


@dataclass(frozen=True)
class Option:
    """One option of a command: its flags, help, whether it takes a value, and which."""

    flags: tuple[str, ...]
    help: str
    takes_value: bool
    values: tuple[str, ...]  # the choices; (FILE,) for a path; () for anything


@dataclass(frozen=True)
class Node:
    """One command path: its commands (name, help) and options."""

    path: str
    commands: tuple[tuple[str, str], ...]
    options: tuple[Option, ...]


def _states() -> tuple[str, ...]:
    from attendee_client import BotState

    return tuple(state.value for state in BotState)


def _option(action: argparse.Action) -> Option:
    takes_value = action.nargs != 0
    values: tuple[str, ...] = ()
    if action.choices is not None:
        values = tuple(str(choice) for choice in action.choices)
    elif action.dest in _STATE_OPTIONS:
        values = _states()
    elif "FILE" in str(action.metavar or ""):
        values = (FILE,)
    text = " ".join((action.help or "").replace("%(default)s", "").split())
    return Option(tuple(action.option_strings), text, takes_value, values)


def _node(path: tuple[str, ...], parser: argparse.ArgumentParser) -> Node:
    commands: list[tuple[str, str]] = []
    options: list[Option] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            commands.extend((name, helps.get(name, "")) for name in action.choices)
        elif action.option_strings:
            if action.help != argparse.SUPPRESS:
                options.append(_option(action))
        elif action.choices is not None:  # a positional with choices: offered like commands
            commands.extend((str(choice), "") for choice in action.choices)
    return Node(" ".join(path), tuple(commands), tuple(options))


def nodes(parser: argparse.ArgumentParser) -> Iterator[Node]:
    """Every command path of ``parser``; ``attendee fake`` has the fake server's options."""
    for path, child in walk(parser):
        if path == ("fake",):
            # The fake server parses its own options (one entry point); offer them here.
            from attendee_client.testing.__main__ import build_parser

            child = build_parser("attendee fake")
        yield _node(path, child)


def _quote(text: str) -> str:
    """``text`` in single quotes for bash and zsh (where nothing inside is special)."""
    return "'" + text.replace("'", "'\\''") + "'"


def _fish_quote(text: str) -> str:
    """``text`` in single quotes for fish (where ``\\`` and ``\'`` are escapes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _value_cases(tree: list[Node]) -> Iterator[tuple[str, str]]:
    """``(path|option, values)`` for every option that takes a value."""
    for node in tree:
        for option in node.options:
            if option.takes_value:
                for flag in option.flags:
                    yield f"{node.path}|{flag}", " ".join(option.values)


def _bash(tree: list[Node]) -> str:
    lines = [
        "# bash completion for attendee, generated from its parser (attendee completion bash).",
        '# This shell: eval "$(attendee completion bash)"; every shell: save it as',
        "# ~/.local/share/bash-completion/completions/attendee",
        "_attendee_is_command() {",
        '    case "$1|$2" in',
    ]
    commands = [f"{node.path}|{name}" for node in tree for name, _ in node.commands]
    lines += [f"        {_quote(case)}) return 0 ;;" for case in commands]
    lines += ["    esac", "    return 1", "}", "_attendee_commands() {", '    case "$1" in']
    for node in tree:
        words = " ".join(name for name, _ in node.commands)
        lines.append(f"        {_quote(node.path)}) echo {_quote(words)} ;;")
    lines += ["    esac", "}", "_attendee_options() {", '    case "$1" in']
    for node in tree:
        flags = " ".join(flag for option in node.options for flag in option.flags)
        lines.append(f"        {_quote(node.path)}) echo {_quote(flags)} ;;")
    lines += ["    esac", "}", "_attendee_values() {", '    case "$1|$2" in']
    lines += [
        f"        {_quote(case)}) echo {_quote(values)} ;;" for case, values in _value_cases(tree)
    ]
    lines += [
        "        *) return 1 ;;",
        "    esac",
        "}",
        "_attendee() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local path="" word values i skip=0',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        word="${COMP_WORDS[i]}"',
        "        if ((skip)); then skip=0; continue; fi",
        '        case "$word" in',
        "            -*=*) ;;",
        '            -*) _attendee_values "$path" "$word" >/dev/null && skip=1 ;;',
        '            *) _attendee_is_command "$path" "$word" && path="${path:+$path }$word" ;;',
        "        esac",
        "    done",
        '    if ((skip)) && values="$(_attendee_values "$path" "$prev")"; then',
        f'        if [[ "$values" == "{FILE}" ]]; then',
        '            COMPREPLY=($(compgen -f -- "$cur"))',
        "        else",
        '            COMPREPLY=($(compgen -W "$values" -- "$cur"))',
        "        fi",
        '    elif [[ "$cur" == -* ]]; then',
        '        COMPREPLY=($(compgen -W "$(_attendee_options "$path")" -- "$cur"))',
        "    else",
        '        COMPREPLY=($(compgen -W "$(_attendee_commands "$path")" -- "$cur"))',
        "    fi",
        "}",
        "complete -F _attendee attendee",
    ]
    return "\n".join(lines) + "\n"


def _zsh_item(name: str, help_text: str) -> str:
    escaped = name.replace(":", "\\:")
    return _quote(f"{escaped}:{help_text}" if help_text else escaped)


def _zsh(tree: list[Node]) -> str:
    lines = [
        "#compdef attendee",
        "# zsh completion for attendee, generated from its parser (attendee completion zsh).",
        "# This shell: source <(attendee completion zsh); every shell: save it as _attendee",
        "# in a directory of $fpath, then restart zsh.",
        "_attendee_is_command() {",
        '    case "$1|$2" in',
    ]
    commands = [f"{node.path}|{name}" for node in tree for name, _ in node.commands]
    lines += [f"        {_quote(case)}) return 0 ;;" for case in commands]
    lines += ["    esac", "    return 1", "}", "_attendee_commands() {", '    case "$1" in']
    for node in tree:
        items = " ".join(_zsh_item(name, text) for name, text in node.commands)
        lines.append(f"        {_quote(node.path)}) reply=({items}) ;;")
    lines += ["    esac", "}", "_attendee_options() {", '    case "$1" in']
    for node in tree:
        items = " ".join(
            _zsh_item(flag, option.help) for option in node.options for flag in option.flags
        )
        lines.append(f"        {_quote(node.path)}) reply=({items}) ;;")
    lines += ["    esac", "}", "_attendee_values() {", '    case "$1|$2" in']
    lines += [f"        {_quote(case)}) reply=({values}) ;;" for case, values in _value_cases(tree)]
    lines += [
        "        *) return 1 ;;",
        "    esac",
        "}",
        "_attendee() {",
        '    local path="" word i skip=0',
        "    local -a reply",
        "    for ((i = 2; i < CURRENT; i++)); do",
        '        word="${words[i]}"',
        "        if ((skip)); then skip=0; continue; fi",
        '        case "$word" in',
        "            -*=*) ;;",
        '            -*) _attendee_values "$path" "$word" && skip=1 ;;',
        '            *) _attendee_is_command "$path" "$word" && path="${path:+$path }$word" ;;',
        "        esac",
        "    done",
        '    if ((skip)) && _attendee_values "$path" "${words[CURRENT-1]}"; then',
        f'        if [[ "${{reply[1]}}" == "{FILE}" ]]; then',
        "            _files",
        "        else",
        "            compadd -a reply",
        "        fi",
        '    elif [[ "${words[CURRENT]}" == -* ]]; then',
        '        _attendee_options "$path"',
        "        _describe -t options option reply",
        "    else",
        '        _attendee_commands "$path"',
        "        _describe -t commands command reply",
        "    fi",
        "}",
        'if [[ "$funcstack[1]" == "_attendee" ]]; then',
        '    _attendee "$@"',
        "else",
        "    compdef _attendee attendee",
        "fi",
    ]
    return "\n".join(lines) + "\n"


def _fish(tree: list[Node]) -> str:
    lines = [
        "# fish completion for attendee, generated from its parser (attendee completion fish).",
        "# Save it as ~/.config/fish/completions/attendee.fish",
        "function __attendee_is_command",
        '    switch "$argv[1]|$argv[2]"',
    ]
    commands = [f"{node.path}|{name}" for node in tree for name, _ in node.commands]
    lines += [
        f"        case {' '.join(_fish_quote(case) for case in commands)}",
        "            return 0",
    ]
    lines += [
        "    end",
        "    return 1",
        "end",
        "function __attendee_takes_value",
        '    switch "$argv[1]|$argv[2]"',
    ]
    cases = [case for case, _ in _value_cases(tree)]
    lines += [
        f"        case {' '.join(_fish_quote(case) for case in cases)}",
        "            return 0",
    ]
    lines += [
        "    end",
        "    return 1",
        "end",
        "function __attendee_path",
        '    set -l path ""',
        "    set -l skip 0",
        "    for word in (commandline -opc)[2..-1]",
        "        if test $skip = 1",
        "            set skip 0",
        "            continue",
        "        end",
        "        switch $word",
        "            case '-*=*'",
        "            case '-*'",
        '                __attendee_takes_value "$path" $word; and set skip 1',
        "            case '*'",
        '                if __attendee_is_command "$path" $word',
        '                    set path (string trim -- "$path $word")',
        "                end",
        "        end",
        "    end",
        '    echo "$path"',
        "end",
        "function __attendee_at",
        "    set -l path (__attendee_path)",
        '    test "$path" = "$argv[1]"',
        "end",
        "complete -c attendee -f",
    ]
    for node in tree:
        condition = _fish_quote(f"__attendee_at {_quote(node.path)}")
        for name, text in node.commands:
            lines.append(
                f"complete -c attendee -n {condition} -a {_fish_quote(name)} -d {_fish_quote(text)}"
            )
        for option in node.options:
            flags = " ".join(
                f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
                for flag in option.flags
            )
            if option.values == (FILE,):
                kind = " -r -F"
            elif option.values:
                kind = f" -x -a {_fish_quote(' '.join(option.values))}"
            elif option.takes_value:
                kind = " -x"
            else:
                kind = ""
            lines.append(
                f"complete -c attendee -n {condition} {flags}{kind} -d {_fish_quote(option.help)}"
            )
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (bash, zsh or fish)."""
    tree = list(nodes(parser))
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](tree)
