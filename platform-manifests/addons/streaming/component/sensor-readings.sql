-- Kafka topic sensor-readings -> Iceberg table lake.streaming.sensor_readings (Nessie main,
-- data on the platform's S3). Iceberg commits on each checkpoint, so rows appear in Trino
-- (SELECT * FROM lake.streaming.sensor_readings) every 30 seconds.
SET 'execution.checkpointing.interval' = '30s';
SET 'pipeline.name' = 'loch-sensor-readings';

CREATE CATALOG lake WITH (
  'type' = 'iceberg',
  'catalog-impl' = 'org.apache.iceberg.nessie.NessieCatalog',
  'uri' = 'http://nessie:19120/api/v2',
  'ref' = 'main',
  'warehouse' = 's3://lake/warehouse',
  'io-impl' = 'org.apache.iceberg.aws.s3.S3FileIO',
  's3.endpoint' = 'http://s3:7070',
  's3.path-style-access' = 'true',
  'client.region' = 'us-east-1'
);
-- S3 keys: S3FileIO's default credential chain reads AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
-- which the Flink pods take from the loch-s3 Secret; they are never written here.

CREATE DATABASE IF NOT EXISTS lake.streaming;

CREATE TABLE IF NOT EXISTS lake.streaming.sensor_readings (
  sensor_id STRING,
  ts TIMESTAMP_LTZ(6),
  temperature DOUBLE
);

CREATE TEMPORARY TABLE sensor_readings_topic (
  sensor_id STRING,
  ts STRING,
  temperature DOUBLE
) WITH (
  'connector' = 'kafka',
  'topic' = 'sensor-readings',
  'properties.bootstrap.servers' = 'kafka:9092',
  'properties.group.id' = 'loch-flink',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

INSERT INTO lake.streaming.sensor_readings
SELECT sensor_id, TO_TIMESTAMP_LTZ(UNIX_TIMESTAMP(ts, 'yyyy-MM-dd''T''HH:mm:ss''Z''') * 1000, 3), temperature
FROM sensor_readings_topic;
