"""lakeml scoring: score -> monitor -> branch -> trigger_training (drift) | no_drift.

score writes predictions/<model> with the champion; monitor checks that scoring run for drift
(monitoring/drift) and hands the outcome to the branch through XCom (MonitorJob's drift exit
code is an outcome there, not a failure; see lakeml_common.LakemlMonitorOperator). On drift the
training DAG is triggered with the same pipeline conf and lake root. Run ids come from the DAG
run, so retries rerun the same jobs with the same ids.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow import DAG

try:  # Airflow 3 (standard provider), else Airflow 2
    from airflow.providers.standard.operators.empty import EmptyOperator
    from airflow.providers.standard.operators.python import BranchPythonOperator
    from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
except ImportError:
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.python import BranchPythonOperator
    from airflow.operators.trigger_dagrun import TriggerDagRunOperator

from lakeml_common import (DRIFT_EXIT_CODE, LAKE_ROOT, MACROS, LakemlMonitorOperator,
                           choose_after_monitor, lakeml_args, pipeline_conf, run_id_template,
                           spark_task)

CONF = pipeline_conf("lakeml_scoring_conf")
SCORE_RUN = run_id_template("score")

with DAG(
    dag_id="lakeml_scoring",
    description="lakeml batch scoring with the champion, drift monitoring, retraining on drift",
    schedule="@daily",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    params={"pipeline_conf": None, "lake_root": None},
    user_defined_macros=MACROS,
    default_args={"owner": "lakeml", "retries": 2,
                  "retry_delay": timedelta(minutes=5)},
    tags=["lakeml"],
) as dag:
    score = spark_task("score", "io.lakeml.jobs.ScoreJob", lakeml_args(CONF, SCORE_RUN))
    monitor = spark_task("monitor", "io.lakeml.jobs.MonitorJob",
                         lakeml_args(CONF, run_id_template("score", "-monitor"),
                                     "lakeml.monitor.scoring-run-id=" + SCORE_RUN,
                                     "lakeml.monitor.drift-exit-code=%d" % DRIFT_EXIT_CODE),
                         operator=LakemlMonitorOperator)
    branch = BranchPythonOperator(task_id="branch", python_callable=choose_after_monitor)
    trigger_training = TriggerDagRunOperator(
        task_id="trigger_training", trigger_dag_id="lakeml_training",
        # One training run per drifted scoring run, also when this task is retried.
        trigger_run_id="drift-" + run_id_template("score"),
        conf={"pipeline_conf": CONF, "lake_root": LAKE_ROOT},
        wait_for_completion=False)
    no_drift = EmptyOperator(task_id="no_drift")

    score >> monitor >> branch >> [trigger_training, no_drift]
