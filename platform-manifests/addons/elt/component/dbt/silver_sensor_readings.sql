-- Silver: one row per sensor and minute, implausible temperatures dropped.
select sensor_id, date_trunc('minute', ts) as minute, avg(temperature) as temperature
from {{ ref('bronze_sensor_readings') }}
where temperature between -50 and 80
group by 1, 2
