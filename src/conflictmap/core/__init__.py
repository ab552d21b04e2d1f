"""The bottom layer: text normalisation, geodesy and the cache folder. Imports nothing of the project."""
