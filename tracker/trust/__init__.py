"""Trust among parties who do not trust each other: keys, signatures, the signed log, the rule table.

* :mod:`~tracker.trust.keys` — each participant's Ed25519 key, kept outside any workspace;
* :mod:`~tracker.trust.signing` — canonical signed acts, bound to one working group;
* :mod:`~tracker.trust.rules` — who may write what: the one table every reader checks;
* :mod:`~tracker.trust.log` — the signed, hash-chained log of every action, replayed on every command;
* :mod:`~tracker.trust.actions` — one action: its files and its log entry, written as one;
* :mod:`~tracker.trust.governance` — the group founded, keys requested, approved, revoked, roles set;
* :mod:`~tracker.trust.verified`, :mod:`~tracker.trust.replayed`, :mod:`~tracker.trust.witness` —
  what this machine remembers having verified, and the last log entry it saw.
"""
