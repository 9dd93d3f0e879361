#!/bin/sh
# Rebuilds the Word fixtures of tests/test_read_docx.py from their flat ODF sources with LibreOffice
# (apt-get install libreoffice-writer). The tests read the committed .docx files: they never run this.
#
#   tests/data/real/build_docx.sh
#
# LibreOffice writes a fresh time stamp into docProps/core.xml each time, so the rebuilt files differ
# from the committed ones in those bytes only.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for name in lo-draft-resolution lo-report; do
    soffice -env:UserInstallation="file://$profile" --headless --norestore \
        --convert-to docx:"MS Word 2007 XML" --outdir "$here" "$here/$name.fodt"
done
