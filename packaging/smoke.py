"""Smoke test of an already built one-folder app (``make package`` first); builds nothing.

    .venv/bin/python packaging/smoke.py [--dist dist/LeadDesk] [--shot board.png]

Runs the frozen ``leaddesk`` on a fresh data folder: CLI subcommands (demo, list, check, export, import,
scan-card), then the window under Xvfb in German and English until its first paint, and reads the painted
menus back with Tesseract to prove the translations were found. Every failure is printed and the exit
code is 1. Needs Xvfb (``xvfb-run``, ``Xvfb``, ``xwininfo``, ``xprop``), ImageMagick ``import`` and, for the
language and OCR checks, ``tesseract`` with ``deu``; segno and Pillow (the ``test`` extra) draw a QR card.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path("/work/shared/samples")
SCREEN = "1280x800x24"
DEMO_LEADS = 200
# Menu titles read back from the painted window: (expected words, words that must be absent).
MENU_WORDS = {
    "de": ({"Datei", "Bearbeiten", "Ansicht", "Gewonnen"}, {"File", "Edit", "View"}),
    "en": ({"File", "Edit", "View", "Won"}, {"Datei", "Bearbeiten", "Ansicht"}),
}
QR_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;Jürgen;;;\r\nFN:Jürgen Müller\r\nORG:Bäckerei Süß GmbH\r\n"
    "EMAIL:j.mueller@baeckerei-suess.de\r\nTEL;TYPE=WORK:+49 89 1234567\r\nEND:VCARD\r\n"
)
FALLBACK_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smoke;Sabine;;;\r\nFN:Sabine Smoke\r\nORG:Rauch GmbH\r\nEND:VCARD\r\n"
)


class SmokeFailure(Exception):
    """One check did not hold; the message says what was expected and what came."""


class Smoke:
    """Runs the frozen binary in an isolated home and data folder and records each check."""

    def __init__(self, dist: Path, work: Path) -> None:
        self.exe = dist / "leaddesk"
        self.work = work
        self.env = dict(os.environ)
        for key in (
            "LEADDESK_DATABASE_URL",
            "LEADDESK_LANG",
            "QT_QPA_PLATFORM",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ):
            self.env.pop(key, None)
        home = work / "home"
        self.env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            LEADDESK_DATA_DIR=str(work / "data"),
        )
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.skipped: list[str] = []

    def run(self, *args: str, timeout: float = 120, env: dict[str, str] | None = None) -> str:
        """The binary's stdout; any non-zero exit is a failure with its stderr."""
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.exe), *args],
            cwd=self.work,
            env=env or self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        took = time.perf_counter() - started
        print(f"    $ leaddesk {' '.join(args)}  ({took:.2f} s, exit {done.returncode})")
        if done.returncode != 0:
            raise SmokeFailure(f"exit {done.returncode}\n{done.stderr.strip()}")
        return done.stdout

    def check(self, name: str, step: Callable[[], str | None]) -> None:
        print(f"--- {name}")
        try:
            note = step()
        except (SmokeFailure, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as exc:
            print(f"FAIL {name}: {exc}")
            self.failed.append(name)
            return
        print(f"ok   {name}{': ' + note if note else ''}")
        self.passed.append(name)

    def skip(self, name: str, why: str) -> None:
        print(f"--- {name}\nSKIP {name}: {why}")
        self.skipped.append(name)


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def lead_count(smoke: Smoke) -> int:
    return len(json.loads(smoke.run("list", "--json")))


def cli_checks(smoke: Smoke, samples: Path) -> None:
    """The subcommands a user or a script runs from the frozen binary; stdout must reach the shell."""

    def version() -> str:
        out = smoke.run("--version")
        expect(out.startswith("LeadDesk "), f"--version printed {out!r}")
        return out.strip()

    def demo() -> str:
        out = smoke.run("demo", "--leads", str(DEMO_LEADS))
        expect(f"added {DEMO_LEADS} demo leads" in out, f"demo printed {out!r}")
        db = Path(smoke.env["LEADDESK_DATA_DIR"]) / "leaddesk.sqlite3"
        expect(db.is_file(), f"no database at {db}")
        return f"fresh database created and migrated ({db.stat().st_size // 1024} KB)"

    def listing() -> str:
        count = lead_count(smoke)
        expect(count == DEMO_LEADS, f"list --json gave {count} leads, expected {DEMO_LEADS}")
        return f"{count} leads as JSON"

    def check() -> str:
        out = smoke.run("check")
        expect("database OK" in out, f"check printed {out!r}")
        return out.strip()

    def export() -> str:
        target = smoke.work / "export.csv"
        smoke.run("export", "--format", "csv", "-o", str(target))
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        expect(len(rows) == DEMO_LEADS, f"{target.name} has {len(rows)} rows, expected {DEMO_LEADS}")
        return f"{len(rows)} rows, columns {', '.join(list(rows[0])[:4])}, …"

    def imports() -> str:
        files = [samples / "kcontacts-vcard4.vcf", samples / "roundcube-gmail.csv"]
        if not all(f.is_file() for f in files):
            fallback = smoke.work / "smoke.vcf"
            fallback.write_text(FALLBACK_VCARD, encoding="utf-8")
            files = [fallback]
        before = lead_count(smoke)
        out = smoke.run("import", *map(str, files))
        after = lead_count(smoke)
        expect(after == before + len(files), f"import added {after - before} leads, expected {len(files)}")
        expect("undo-import" in out, f"import printed {out!r}")
        return f"{', '.join(f.name for f in files)}: +{after - before} leads"

    for name, step in [
        ("--version", version),
        ("demo on a fresh data folder", demo),
        ("list --json", listing),
        ("check", check),
        ("export --format csv", export),
        ("import", imports),
    ]:
        smoke.check(name, step)


def scan_checks(smoke: Smoke, samples: Path) -> None:
    """zxing-cpp (bundled native library) on a drawn QR card; Tesseract (external program) on a photo."""

    def qr() -> str:
        import segno
        from PIL import Image

        buffer = io.BytesIO()
        segno.make(QR_VCARD, error="m").save(buffer, kind="png", scale=6, border=4)
        card = Image.new("L", (1050, 600), 250)
        card.paste(Image.open(buffer).convert("L"), (650, 150))
        path = smoke.work / "qr-card.png"
        card.save(path)
        result = json.loads(smoke.run("scan-card", str(path)).splitlines()[0])
        fields = result["fields"]
        expect(result["method"] == "qr", f"method {result['method']!r}, expected 'qr'")
        expect(
            fields.get("last_name") == "Müller" and fields.get("company") == "Bäckerei Süß GmbH",
            f"QR fields {fields}",
        )
        return f"{fields['first_name']} {fields['last_name']}, {fields['company']}"

    try:
        import segno  # noqa: F401
        from PIL import Image  # noqa: F401
    except ImportError:
        smoke.failed.append("scan-card (QR)")
        print("FAIL scan-card (QR): segno and Pillow are needed to draw the card: run with .venv/bin/python")
    else:
        smoke.check("scan-card (QR)", qr)

    photo = samples / "azure-business-card-english.jpg"
    if shutil.which("tesseract") is None or not photo.is_file():
        smoke.skip("scan-card (OCR)", "needs tesseract on PATH and " + str(photo))
        return

    def ocr() -> str:
        result = json.loads(smoke.run("scan-card", str(photo)).splitlines()[0])
        expect(result["method"] == "ocr", f"method {result['method']!r}, expected 'ocr'")
        expect(result["fields"].get("last_name") == "Smith", f"OCR fields {result['fields']}")
        return f"{len(result['fields'])} fields read"

    smoke.check("scan-card (OCR)", ocr)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X server on the first free display (``-displayfd`` avoids guessing numbers)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise SmokeFailure("Xvfb did not start")
    return server, f":{number}"


def wait_for_window(display: str, title: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        tree = subprocess.run(
            ["xwininfo", "-display", display, "-root", "-tree"], capture_output=True, text=True, check=False
        ).stdout
        if f'"{title}"' in tree:
            return
        time.sleep(0.2)
    raise SmokeFailure(f"no window titled {title!r} after {timeout:.0f} s")


def gui_checks(smoke: Smoke, shot: Path | None) -> None:
    """The window under Xvfb: first paint and clean exit per language, then the painted words themselves."""
    missing = [
        tool for tool in ("xvfb-run", "Xvfb", "xwininfo", "xprop", "import") if shutil.which(tool) is None
    ]
    if missing:
        smoke.failed.append("window")
        print(f"FAIL window: missing {', '.join(missing)} (apt-get install xvfb x11-utils imagemagick)")
        return

    def painted(lang: str) -> Callable[[], str]:
        def step() -> str:
            env = dict(smoke.env, LEADDESK_BENCH_EXIT_AFTER_PAINT="1")
            started = time.time()
            done = subprocess.run(
                ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", str(smoke.exe), "--lang", lang],
                cwd=smoke.work,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            expect(done.returncode == 0, f"exit {done.returncode}\n{done.stderr.strip()}")
            report = json.loads(done.stdout.strip().splitlines()[-1])
            for bad in ("Traceback", "Could not load", "Cannot load library", "qt.qpa.plugin"):
                expect(bad not in done.stderr, f"stderr has {bad!r}:\n{done.stderr.strip()}")
            return (
                f"painted {report['painted_at'] - started:.2f} s after launch, RSS {report['rss_mb']:.0f} MB"
            )

        return step

    for lang in ("de", "en"):
        smoke.check(f"window paints (--lang {lang})", painted(lang))

    if shutil.which("tesseract") is None:
        smoke.skip("window language", "needs tesseract to read the painted menus")
        return

    def language(lang: str) -> Callable[[], str]:
        def step() -> str:
            server, display = start_xvfb()
            app = subprocess.Popen(
                [str(smoke.exe), "--lang", lang],
                cwd=smoke.work,
                env=dict(smoke.env, DISPLAY=display),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            try:
                wait_for_window(display, "LeadDesk", 60)
                time.sleep(2.0)  # the board and the follow-up reminder paint after mapping
                icon = subprocess.run(
                    ["xprop", "-display", display, "-name", "LeadDesk", "_NET_WM_ICON"],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
                expect("Icon (" in icon, "the window has no icon: leaddesk.svg or Qt's SVG plugin is missing")
                png = shot if shot is not None and lang == "de" else smoke.work / f"board-{lang}.png"
                png.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["import", "-display", display, "-window", "root", str(png)], check=True)
            finally:
                app.terminate()
                app.wait(timeout=30)
                server.terminate()
                server.wait(timeout=30)
            text = subprocess.run(
                ["tesseract", str(png), "-", "-l", "deu+eng"], capture_output=True, text=True, check=True
            ).stdout
            words = set(text.replace("|", " ").split())
            want, unwanted = MENU_WORDS[lang]
            found = want & words
            expect(len(found) >= 2, f"painted text lacks {sorted(want - words)}; read: {text[:300]!r}")
            expect(not (unwanted & words), f"painted text has {sorted(unwanted & words)} in --lang {lang}")
            return f"SVG window icon set; read {', '.join(sorted(found))} in {png}"

        return step

    for lang in ("de", "en"):
        smoke.check(f"window language (--lang {lang})", language(lang))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "LeadDesk", help="the built app folder")
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="folder with sample vCard/CSV files")
    parser.add_argument("--shot", type=Path, help="also save the German board screenshot here")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder for a look")
    args = parser.parse_args(argv)
    exe = args.dist / "leaddesk"
    if not os.access(exe, os.X_OK):
        print(f"FAIL: {exe} is missing: run `make package` first", file=sys.stderr)
        return 1
    size = sum(f.lstat().st_size for f in args.dist.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle: {args.dist} ({size / 1e6:.0f} MB)")
    work = Path(tempfile.mkdtemp(prefix="leaddesk-smoke-"))
    smoke = Smoke(args.dist.resolve(), work)
    try:
        cli_checks(smoke, args.samples)
        scan_checks(smoke, args.samples)
        gui_checks(smoke, args.shot)
    finally:
        if args.keep:
            print(f"scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if smoke.failed:
        print("FAILED: " + "; ".join(smoke.failed), file=sys.stderr)
    summary = f"{len(smoke.passed)} passed, {len(smoke.failed)} failed"
    print(f"smoke: {summary}" + (f", {len(smoke.skipped)} skipped" if smoke.skipped else ""))
    return 1 if smoke.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
