#!/bin/sh
# Sends one JSON reading per sensor every second to the topic sensor-readings, in the shape of
# lake.demo.sensor_readings (sensor_id 'sensor-01'..'sensor-08', ts, temperature).
set -e
/opt/kafka/bin/kafka-topics.sh --bootstrap-server kafka:9092 --create --if-not-exists \
  --topic sensor-readings --partitions 2 --replication-factor 1
i=0
while true; do
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for s in 1 2 3 4 5 6 7 8; do
    t=$(( (i * 7 + s * 13) % 100 ))
    printf '{"sensor_id":"sensor-0%d","ts":"%s","temperature":%d.%d}\n' \
      "$s" "$now" $((18 + t / 10)) $((t % 10))
  done
  i=$((i + 1))
  sleep 1
done | /opt/kafka/bin/kafka-console-producer.sh --bootstrap-server kafka:9092 --topic sensor-readings
