-- TPC-H lineitem (scale factor 0.01), partitioned by month of ship date, in two commits.
CREATE TABLE IF NOT EXISTS lake.demo.lineitem (
  orderkey bigint,
  partkey bigint,
  suppkey bigint,
  linenumber integer,
  quantity decimal(12, 2),
  extendedprice decimal(12, 2),
  discount decimal(12, 2),
  tax decimal(12, 2),
  returnflag varchar,
  linestatus varchar,
  shipdate date,
  commitdate date,
  receiptdate date,
  shipinstruct varchar,
  shipmode varchar,
  comment varchar
)
WITH (partitioning = ARRAY['month(shipdate)']);

MERGE INTO lake.demo.lineitem t
USING (SELECT * FROM tpch.tiny.lineitem WHERE shipdate < DATE '1995-01-01') s
ON t.orderkey = s.orderkey AND t.linenumber = s.linenumber
WHEN NOT MATCHED THEN INSERT VALUES (s.orderkey, s.partkey, s.suppkey, s.linenumber,
  CAST(s.quantity AS decimal(12, 2)), CAST(s.extendedprice AS decimal(12, 2)),
  CAST(s.discount AS decimal(12, 2)), CAST(s.tax AS decimal(12, 2)), s.returnflag, s.linestatus,
  s.shipdate, s.commitdate, s.receiptdate, s.shipinstruct, s.shipmode, s.comment);

MERGE INTO lake.demo.lineitem t
USING (SELECT * FROM tpch.tiny.lineitem WHERE shipdate >= DATE '1995-01-01') s
ON t.orderkey = s.orderkey AND t.linenumber = s.linenumber
WHEN NOT MATCHED THEN INSERT VALUES (s.orderkey, s.partkey, s.suppkey, s.linenumber,
  CAST(s.quantity AS decimal(12, 2)), CAST(s.extendedprice AS decimal(12, 2)),
  CAST(s.discount AS decimal(12, 2)), CAST(s.tax AS decimal(12, 2)), s.returnflag, s.linestatus,
  s.shipdate, s.commitdate, s.receiptdate, s.shipinstruct, s.shipmode, s.comment);
