-- Gold: daily minimum, mean and maximum temperature per sensor.
select sensor_id, cast(minute as date) as day,
       min(temperature) as min_temperature,
       avg(temperature) as mean_temperature,
       max(temperature) as max_temperature,
       count(*) as minutes
from {{ ref('silver_sensor_readings') }}
group by 1, 2
