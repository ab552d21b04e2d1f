"""conflictmap: geocode every place mention in Arabic and English news about Libya and the Sahel,
code what happened there, and map it.

Layers, bottom up (checked by import-linter in the test command; see README "How the code fits"):

    conflictmap.core       text normalisation, geodesy, where files go   (no project imports)
    conflictmap.geodata    gazetteer and lexicon types, source files, the index builder and loader
    conflictmap.extract    articles in -> events out: readers, stages, store, exports
    conflictmap.dashboard  the Streamlit app (reads the store; never the gazetteer)
    conflictmap.cli        the command line, composing the layers below
"""

__version__ = "0.2.0"

# the extraction hot path runs compiled (mypyc) when built so and up to date, else from source
from . import _native

_native.choose()
