"""Authenticity and integrity: Ed25519 keys, the workspace roster, signed acts, revision manifests.

Each participant signs what it does with a private key kept outside the
workspace; the workspace holds only public keys (``roster.json``). A signed act
is a small canonical JSON object; anything that does not verify is refused,
naming the record and the reason.
"""
