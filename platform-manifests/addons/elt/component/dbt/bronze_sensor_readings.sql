-- Bronze: the raw readings as loaded (lake.demo.sensor_readings, seeded by `loch up --seed`).
select sensor_id, ts, temperature
from {{ source('demo', 'sensor_readings') }}
