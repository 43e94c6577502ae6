#!/bin/sh
# Every screenshot of tools/screenshots.py: German and English, at 1280×800 and at 200 %
# (a 2560×1600 screen with QT_SCALE_FACTOR=2, i.e. 1280×800 logical pixels). OUT defaults to shots/.
set -e
OUT=${1:-shots}
PY=${PYTHON:-python}
for lang in de en; do
  LEADDESK_LANG=$lang xvfb-run -a -s "-screen 0 1280x800x24" "$PY" tools/screenshots.py "$OUT/$lang-1280x800"
  LEADDESK_LANG=$lang QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2560x1600x24" "$PY" tools/screenshots.py "$OUT/$lang-200"
done
