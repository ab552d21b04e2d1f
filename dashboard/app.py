"""conflictmap dashboard: the Streamlit entry file.

    conflictmap dashboard --db DB [--port N]      # or
    streamlit run dashboard/app.py                # Streamlit Community Cloud runs it this way

The store comes from ``.streamlit/secrets.toml`` (``[connections.conflictmap] url = "..."``), else
the ``CONFLICTMAP_DB`` environment variable (a path or an SQLAlchemy URL), else the demo store.
"""

import sys
from pathlib import Path

# `streamlit run` puts this file's folder first on sys.path, where a module of ours could shadow a
# library's (no module here may be named like one: that is why escaping lives in escaping.py, not
# html.py). The app imports its modules through the `dashboard` package, from the folder above
# (an installed package or this checkout).
_here = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
if str(_here.parent) not in sys.path:
    sys.path.insert(0, str(_here.parent))

from dashboard.main import main  # noqa: E402

main()
