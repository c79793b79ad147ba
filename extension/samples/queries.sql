-- Loch sample queries on lake.demo. Put the cursor in a statement and press Ctrl+Enter, or click
-- "Run" above it. They run on the branch shown in the status bar (click it to switch).

SELECT orderpriority, count(*) AS orders, sum(totalprice) AS revenue
FROM demo.orders
GROUP BY orderpriority
ORDER BY orderpriority;

SELECT sensor_id, round(avg(temperature), 2) AS avg_temperature, count(*) AS readings
FROM demo.sensor_readings
GROUP BY sensor_id
ORDER BY sensor_id;

SELECT date_trunc('month', shipdate) AS month, count(*) AS items
FROM demo.lineitem
GROUP BY 1
ORDER BY 1;

-- Time travel: every snapshot of a table.
SELECT snapshot_id, committed_at, operation
FROM demo."orders$snapshots"
ORDER BY committed_at;
