"""Reading the JSON files a workspace holds, as strictly as they are written.

Every JSON file in a workspace (records, manifests, marks, the roster, log
entries, key requests, the journal) is written by ``wgt``; a copy held by
another party may have been edited into anything. So a file is refused, with
its name and the reason, when it is not UTF-8, repeats a key (JSON lets the
last one win silently), uses NaN or Infinity, nests deeper than any file of
ours does (every shape is of fixed depth), or does not have the shape its kind
requires (:func:`check_shape`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from tracker.i18n import N_, _


class JsonShapeError(ValueError):
    """A JSON value that is not what a file of its kind holds; the message says where and what."""


def parse_json(data: bytes) -> Any:
    """The value of ``data``, or :class:`JsonShapeError` with a one-line reason."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonShapeError(_("not UTF-8 (byte {offset})").format(offset=exc.start)) from None
    try:
        value = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constants)
    except RecursionError:
        raise JsonShapeError(_("nested deeper than any file wgt writes")) from None
    except json.JSONDecodeError as exc:
        raise JsonShapeError(_("not JSON: {reason}").format(reason=exc.msg + f" (line {exc.lineno})")) from None
    except JsonShapeError:
        raise
    except ValueError:  # an integer of thousands of digits
        raise JsonShapeError(_("a number longer than any file wgt writes holds")) from None
    if _SURROGATE_ESCAPE.search(text):
        # "\ud800" is valid JSON but no text: a lone surrogate cannot be written out again.
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise JsonShapeError(_("a string holds a lone surrogate (\\udXXX), which is no character")) from None
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise JsonShapeError(_("the key {key!r} appears twice in one object").format(key=key))
        out[key] = value
    return out


def _no_constants(name: str) -> None:
    raise JsonShapeError(_("{name} is not a JSON number").format(name=name))


# -- shapes ------------------------------------------------------------------------------
#
# A shape is a Python type (str, int, bool; int never accepts a bool), a tuple of
# shapes (any of them), a one-element list ``[shape]`` (a list of such values),
# ``DictOf(shape)`` (an object with any string keys and such values), or a dict
# ``{key: shape}`` (exactly these keys; a key ending in "?" may be absent).


class DictOf:
    """An object whose keys are free and whose values all have ``shape``."""

    def __init__(self, shape: Any) -> None:
        self.shape = shape


def check_shape(value: Any, shape: Any, where: str = "") -> None:
    """Raise :class:`JsonShapeError` naming the first place where ``value`` is not ``shape``."""
    if not _matches(value, shape):  # a quick yes for every good file; the message only when needed
        _explain(value, shape, where)


def _matches(value: Any, shape: Any) -> bool:
    if isinstance(shape, tuple):
        return any(_matches(value, option) for option in shape)
    if shape is None:
        return value is None
    if isinstance(shape, type):
        return isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    if isinstance(shape, list):
        return isinstance(value, list) and all(_matches(item, shape[0]) for item in value)
    if isinstance(shape, DictOf):
        return isinstance(value, dict) and all(_matches(item, shape.shape) for item in value.values())
    if not isinstance(value, dict):
        return False
    known = _fields(shape)
    return (
        all(key in known for key in value)
        and all(key in value for key, (_spec, required) in known.items() if required)
        and all(_matches(item, known[key][0]) for key, item in value.items())
    )


_FIELDS: dict[int, dict[str, tuple[Any, bool]]] = {}


def _fields(shape: dict) -> dict[str, tuple[Any, bool]]:
    """``{key: (shape, required)}`` of an object shape, worked out once per shape."""
    found = _FIELDS.get(id(shape))
    if found is None or found[1] is not shape:
        fields = {key.rstrip("?"): (spec, not key.endswith("?")) for key, spec in shape.items()}
        _FIELDS[id(shape)] = found = (fields, shape)
    return found[0]


def _explain(value: Any, shape: Any, where: str) -> None:
    if isinstance(shape, tuple):
        problems = []
        for option in shape:
            try:
                _explain(value, option, where)
                return
            except JsonShapeError as exc:
                problems.append(str(exc))
        raise JsonShapeError(problems[0])
    if shape is None:
        if value is not None:
            raise JsonShapeError(_("{where} should be null").format(where=where or _("the file")))
        return
    if isinstance(shape, type):
        if not isinstance(value, shape) or (shape is int and isinstance(value, bool)):
            raise JsonShapeError(
                _("{where} should be {kind}, not {found}").format(
                    where=where or _("the file"), kind=_(_KIND_NAMES.get(shape, shape.__name__)), found=_kind(value)
                )
            )
        return
    if isinstance(shape, list):
        _explain(value, list, where)
        for index, item in enumerate(value):
            _explain(item, shape[0], f"{where}[{index}]")
        return
    if isinstance(shape, DictOf):
        _explain(value, dict, where)
        for key, item in value.items():
            _explain(item, shape.shape, f"{where}.{key}" if where else key)
        return
    _explain(value, dict, where)
    required = {key for key in shape if not key.endswith("?")}
    known = {key.rstrip("?"): spec for key, spec in shape.items()}
    for key in value:
        if key not in known:
            raise JsonShapeError(
                _("{where} has an unknown field {key!r}").format(where=where or _("the file"), key=key)
            )
    for key in required:
        if key not in value:
            raise JsonShapeError(_("{where} lacks the field {key!r}").format(where=where or _("the file"), key=key))
    for key, item in value.items():
        _explain(item, known[key], f"{where}.{key}" if where else key)


_KIND_NAMES = {
    str: N_("a string"),
    int: N_("a whole number"),
    bool: N_("true or false"),
    list: N_("a list"),
    dict: N_("an object"),
}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    for kind, name in _KIND_NAMES.items():
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return _(name)
    return type(value).__name__
