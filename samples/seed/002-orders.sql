-- TPC-H orders (scale factor 0.01), written in three commits so the table has several
-- snapshots to browse. MERGE ... WHEN NOT MATCHED makes seeding twice add no rows.
CREATE TABLE IF NOT EXISTS lake.demo.orders (
  orderkey bigint,
  custkey bigint,
  orderstatus varchar,
  totalprice decimal(12, 2),
  orderdate date,
  orderpriority varchar,
  clerk varchar,
  shippriority integer,
  comment varchar
);

MERGE INTO lake.demo.orders t
USING (SELECT * FROM tpch.tiny.orders WHERE orderdate < DATE '1994-01-01') s
ON t.orderkey = s.orderkey
WHEN NOT MATCHED THEN INSERT VALUES (s.orderkey, s.custkey, s.orderstatus,
  CAST(s.totalprice AS decimal(12, 2)), s.orderdate, s.orderpriority, s.clerk, s.shippriority, s.comment);

MERGE INTO lake.demo.orders t
USING (SELECT * FROM tpch.tiny.orders WHERE orderdate >= DATE '1994-01-01' AND orderdate < DATE '1996-01-01') s
ON t.orderkey = s.orderkey
WHEN NOT MATCHED THEN INSERT VALUES (s.orderkey, s.custkey, s.orderstatus,
  CAST(s.totalprice AS decimal(12, 2)), s.orderdate, s.orderpriority, s.clerk, s.shippriority, s.comment);

MERGE INTO lake.demo.orders t
USING (SELECT * FROM tpch.tiny.orders WHERE orderdate >= DATE '1996-01-01') s
ON t.orderkey = s.orderkey
WHEN NOT MATCHED THEN INSERT VALUES (s.orderkey, s.custkey, s.orderstatus,
  CAST(s.totalprice AS decimal(12, 2)), s.orderdate, s.orderpriority, s.clerk, s.shippriority, s.comment);
