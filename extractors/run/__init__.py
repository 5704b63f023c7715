"""Run: files in, validated rows written out.

* ``engine``       one document -> observations, stage by stage
* ``pipeline``     files and folders -> documents -> outputs
* ``inputs``       the documents of files and folders, and their bytes within limits
* ``long_lived``   what a process loads once, made with the cyclic collector paused
* ``parallel``     the same over worker processes, rows in input order
* ``distributed``  the same on a Dask cluster
* ``outputs``      the CSV, Parquet, documents and run manifest, written atomically
"""
