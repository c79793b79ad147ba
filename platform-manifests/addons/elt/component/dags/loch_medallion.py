"""Runs the dbt project (bronze -> silver -> gold) against the platform's Trino hourly."""

from datetime import datetime

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

DBT = "dbt {cmd} --project-dir /opt/loch/dbt --profiles-dir /opt/loch/dbt --target-path /tmp/dbt-target --log-path /tmp/dbt-logs"

with DAG(
    dag_id="loch_medallion",
    schedule="@hourly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    tags=["loch", "dbt"],
) as dag:
    layers = [
        BashOperator(task_id=f"dbt_{layer}", bash_command=DBT.format(cmd=f"build --select {layer}"))
        for layer in ("bronze", "silver", "gold")
    ]
    layers[0] >> layers[1] >> layers[2]
