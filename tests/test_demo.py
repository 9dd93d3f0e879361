"""``wgt demo`` tells the story in a screen or two and leaves its documents where the person is."""

from __future__ import annotations


def test_demo_writes_into_wgt_demo_here_and_lists_what_to_open(tmp_path, monkeypatch, run_cli):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("demo")
    assert (code, err) == (0, "")
    base = tmp_path / "wgt-demo"
    documents = sorted(p.name for p in (base / "documents").iterdir())
    assert len(documents) == 16 and "render.es.pdf" in documents and "report.en.html" in documents
    listed = out.split("Done. Open these documents:")[1]
    assert all(str(base / "documents" / name) in listed for name in documents)
    # One line a command: the command and its one-line result; no document printed whole.
    assert len(out.splitlines()) <= 200  # some 45 of them the road to consensus (part 3)
    assert str(base / "site" / "index.html") in listed and (base / "site" / "en" / "index.html").is_file()
    assert "OPERATIVE" not in out and "RESUELVE" not in out
    assert "$ wgt rev issue CAJP/GT/TM-38/05 --date 2005-03-01" in out
    assert "  Issued CAJP/GT/TM-38/05 rev. 1 (2005-03-01)" in out
    # part 3: the compromise supersedes AR-2 and US-6, Mexico confirms, silence broken then adopted
    assert "  supersedes AR-2, US-6" in out or "CHAIR-1" in out
    assert "MX confirmed op3: every confirmation is in, the paragraph is agreed" in out
    assert "silence on rev. 3 broken by US" in out and "rev. 4 adopted under the silence procedure" in out
    assert "$ wgt check CAJP/GT/TM-38/05" in out


def test_demo_again_clears_its_own_folder_and_refuses_any_other(tmp_path, run_cli):
    out_dir = tmp_path / "demo"
    assert run_cli("demo", "--out", out_dir)[0] == 0
    (out_dir / "documents" / "stale.html").write_text("old", encoding="utf-8")
    assert run_cli("demo", "--out", out_dir)[0] == 0  # the witness of the old story is forgotten too
    assert not (out_dir / "documents" / "stale.html").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("keep me", encoding="utf-8")
    code, _out, err = run_cli("demo", "--out", mine)
    assert code == 1 and "is not empty and no demo made it; choose another --out" in err
    assert (mine / "thesis.docx").read_text(encoding="utf-8") == "keep me"


def test_demo_verbose_prints_the_documents(tmp_path, run_cli):
    code, out, _err = run_cli("demo", "--out", tmp_path / "d", "--verbose")
    assert code == 0
    assert "RESUELVE:" in out and len(out.splitlines()) > 400


def test_a_bug_is_one_line_and_status_70_not_a_traceback(monkeypatch, tmp_path):
    """Without WGT_DEBUG a bug reaches the person as one line that says what to do; with it, the traceback."""
    import subprocess
    import sys

    script = (
        "import tracker.documents as d\n"
        "def broken(*a, **k): raise KeyError('boom')\n"
        "d.list_documents = broken\n"
        "from tracker.cli import cli\n"
        "cli(['--workspace', sys.argv[1], 'list'])\n"
    )
    from conftest import new_workspace

    ws = new_workspace(tmp_path / "ws")
    env = {k: v for k, v in __import__("os").environ.items() if k != "WGT_DEBUG"}
    run = subprocess.run(
        [sys.executable, "-c", "import sys\n" + script, str(ws.root)], capture_output=True, text=True, env=env
    )
    assert run.returncode == 70
    assert "Traceback" not in run.stderr
    assert "internal error (KeyError: 'boom'): this is a bug in wgt" in run.stderr
    env["WGT_DEBUG"] = "1"
    run = subprocess.run(
        [sys.executable, "-c", "import sys\n" + script, str(ws.root)], capture_output=True, text=True, env=env
    )
    assert "Traceback" in run.stderr and "KeyError: 'boom'" in run.stderr
