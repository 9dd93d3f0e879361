"""Who may act in a working group: the OAS member states and the participants named in ``wgt.toml``."""

from __future__ import annotations

from dataclasses import dataclass

#: ISO 3166-1 alpha-2 codes of the 35 OAS member states. CLDR (through Babel)
#: names territories but knows nothing of OAS membership, so the list is ours.
OAS_MEMBER_STATES = frozenset(
    "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT US UY VE".split()
)

ROLES = ("delegation", "secretariat", "chair", "observer")


@dataclass(frozen=True)
class Participant:
    """A delegation, the secretariat, the chair or an observer."""

    code: str
    role: str = "delegation"
    name: str | None = None
    language: str | None = None

    @property
    def is_state(self) -> bool:
        return self.code in OAS_MEMBER_STATES
