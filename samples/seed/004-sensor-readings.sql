-- IoT readings shaped like the seeds' stream: 8 sensors, one reading a minute for one day,
-- a daily temperature cycle with a per-sensor offset. Deterministic, so seeding is repeatable.
CREATE TABLE IF NOT EXISTS lake.demo.sensor_readings (
  sensor_id varchar,
  ts timestamp(6) with time zone,
  temperature double
);

MERGE INTO lake.demo.sensor_readings t
USING (
  SELECT
    'sensor-' || lpad(CAST(s AS varchar), 2, '0') AS sensor_id,
    from_iso8601_timestamp_nanos('2026-01-01T00:00:00Z') + m * INTERVAL '1' MINUTE AS ts,
    round(20 + 5 * sin(2 * pi() * m / 1440) + s * 0.5, 2) AS temperature
  FROM UNNEST(sequence(1, 8)) AS a(s)
  CROSS JOIN UNNEST(sequence(0, 1439)) AS b(m)
) s
ON t.sensor_id = s.sensor_id AND t.ts = s.ts
WHEN NOT MATCHED THEN INSERT VALUES (s.sensor_id, CAST(s.ts AS timestamp(6) with time zone), s.temperature);
