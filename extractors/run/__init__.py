"""Run: files in, validated rows written out.

* ``engine``       one document -> observations, stage by stage
* ``pipeline``     files and folders -> documents -> outputs
* ``parallel``     the same over worker processes, rows in input order
* ``distributed``  the same on a Dask cluster
* ``outputs``      the CSV, Parquet, documents and run manifest, written atomically
"""
