"""Tests of the published site in a real browser (a package, so that its conftest is not the suite's ``conftest``)."""
