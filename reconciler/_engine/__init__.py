"""The one seam for speed: process pool, Dask runner, cache, progress, memory.

The domain modules read as if everything ran in one process; what runs where, and what
is cached by what, lives here.
"""
