"""lakeml training: materialize features -> validate -> search -> report -> register.

Every task is one lakeml job (spark-submit on the thin cluster jar) keyed by a run id derived
from the DAG run, so a retry reruns the same job with the same id and replaces its own rows:
the AutoML search resumes from its logged trials, the report is rewritten and register keeps the
one registry version of the run. Settings: see lakeml_common (Variables, params).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from airflow import DAG

from lakeml_common import MACROS, lakeml_args, pipeline_conf, run_id_template, spark_task

CONF = pipeline_conf("lakeml_training_conf")
# The AutoML run id: names the run's rows, model, report and registry version.
RUN = run_id_template("train")

with DAG(
    dag_id="lakeml_training",
    description="lakeml AutoML training: features, validation, search, report, registration",
    schedule=None,  # on demand and from lakeml_scoring on drift; set a cron to retrain regularly
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    params={"pipeline_conf": None, "lake_root": None},
    user_defined_macros=MACROS,
    default_args={"owner": "lakeml", "retries": 2,
                  "retry_delay": timedelta(minutes=5)},
    tags=["lakeml"],
) as dag:
    materialize = spark_task("materialize_features", "io.lakeml.jobs.MaterializeFeaturesJob",
                             lakeml_args(CONF, run_id_template("train", "-features")))
    validate = spark_task("validate", "io.lakeml.jobs.ValidateJob",
                          lakeml_args(CONF, run_id_template("train", "-validate")))
    search = spark_task("search", "io.lakeml.jobs.AutoMLJob",
                        lakeml_args(CONF, RUN, "lakeml.registry.register=false",
                                    "lakeml.report.enabled=false"))
    report = spark_task("report", "io.lakeml.jobs.ReportJob", lakeml_args(CONF, RUN))
    register = spark_task("register", "io.lakeml.jobs.RegistryJob",
                          lakeml_args(CONF, run_id_template("train", "-register"),
                                      "lakeml.registry.action=register",
                                      "lakeml.registry.run-id=" + RUN))

    materialize >> validate >> search >> report >> register
