"""The core is a library: importing all of it must not load Qt."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import leaddesk.core
for info in pkgutil.walk_packages(leaddesk.core.__path__, "leaddesk.core."):
    if ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
import leaddesk.cli
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(loaded))
"""


def test_importing_core_loads_no_pyside6() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in Qt modules: {out.stdout}"
