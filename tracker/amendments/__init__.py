"""Delegation amendments and statements, and the consolidated revision.

* :mod:`~tracker.amendments.record` — one amendment as a readable JSON file;
* :mod:`~tracker.amendments.operations` — "replace X with Y" and friends, as text;
* :mod:`~tracker.amendments.store` — amendments of a workspace: ids, files, statuses;
* :mod:`~tracker.amendments.collisions` — which open proposals collide;
* :mod:`~tracker.amendments.consolidate` — ``rev issue``: rev. N+1 in every language.
"""
