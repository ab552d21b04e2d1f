"""conflictmap dashboard: the Streamlit entry file.

    conflictmap dashboard --db DB [--port N]      # or
    streamlit run dashboard/app.py                # Streamlit Community Cloud runs it this way

The store comes from ``.streamlit/secrets.toml`` (``[connections.conflictmap] url = "..."``), else
the ``CONFLICTMAP_DB`` environment variable (a path or an SQLAlchemy URL), else the demo store.
The app itself is the installed package ``conflictmap.dashboard``; this file only starts it.
"""

from conflictmap.dashboard.main import main

main()
