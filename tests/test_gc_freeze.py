"""The Extractor freezes the long-lived index out of the cyclic garbage collector (speed), and
hands it back at exit so objects alive then are still finalised (an unclosed file is flushed)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from conflictmap.extract.pipeline import Extractor


def test_building_an_extractor_freezes_its_index(tiny_index) -> None:
    gc.unfreeze()
    try:
        ex = Extractor(tiny_index)
        assert gc.get_freeze_count() > 0
        # the frozen index is still the live one: extraction reads it as before
        assert ex.index is tiny_index
    finally:
        gc.unfreeze()


def test_objects_frozen_with_the_index_are_finalised_at_exit(tmp_path: Path) -> None:
    # a script that leaves a file open (buffered) at exit: with the objects still frozen at
    # shutdown the file object is never finalised and the buffered text is lost
    out = tmp_path / "out.txt"
    script = ("import sys\n"
              "from conflictmap.extract.pipeline import _freeze_long_lived\n"
              "out = open(sys.argv[1], 'w', encoding='utf-8')\n"
              "def write(text):\n"  # (a function: module globals in a reference cycle, as in any script)
              "    out.write(text)\n"
              "write('x' * 5000)\n"
              "_freeze_long_lived()\n")
    # (run as a script file, as the CLI and the benchmarks are)
    (tmp_path / "script.py").write_text(script, encoding="utf-8")
    subprocess.run([sys.executable, str(tmp_path / "script.py"), str(out)], check=True, timeout=120)
    assert out.read_text(encoding="utf-8") == "x" * 5000
