"""Scale: ingest on every core of one machine (:mod:`.parallel`) and past one machine on
Apache Spark (:mod:`.spark`, needs the optional ``spark`` extra), with Parquet as the
exchange format between them and the store (:mod:`.parquet`)."""
