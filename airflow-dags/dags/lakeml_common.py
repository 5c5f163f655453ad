"""Shared pieces of lakeml's DAGs: settings from Airflow Variables (read in templates at run time,
never at parse time), run ids derived from the DAG run, and the SparkSubmitOperator tasks.

Airflow Variables (all optional; defaults in brackets):
  lakeml_jar            thin cluster jar [/opt/lakeml/lakeml-spark-jobs-cluster.jar]
  lakeml_training_conf  pipeline conf of the training DAG [/opt/lakeml/conf/pipelines/credit_features.conf]
  lakeml_scoring_conf   pipeline conf of the scoring DAG [same default]
  lakeml_lake_root      lake root passed as --set lakeml.lake.root [/opt/lakeml/lake]
  lakeml_executor_memory, lakeml_executor_instances, lakeml_driver_memory  Spark settings [4g, 2, 2g]
A DAG run's params (pipeline_conf, lake_root) win over the Variables when set.
"""
from __future__ import annotations

import re

from airflow.exceptions import AirflowException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

DEFAULT_JAR = "/opt/lakeml/lakeml-spark-jobs-cluster.jar"
DEFAULT_CONF = "/opt/lakeml/conf/pipelines/credit_features.conf"
DEFAULT_LAKE_ROOT = "/opt/lakeml/lake"
# MonitorJob's exit code on drift (lakeml.monitor.drift-exit-code, passed explicitly below).
DRIFT_EXIT_CODE = 3

JAR = "{{ var.value.get('lakeml_jar', '%s') }}" % DEFAULT_JAR
LAKE_ROOT = ("{{ params.lake_root or var.value.get('lakeml_lake_root', '%s') }}"
             % DEFAULT_LAKE_ROOT)
SPARK_CONF = {
    "spark.executor.memory": "{{ var.value.get('lakeml_executor_memory', '4g') }}",
    "spark.executor.instances": "{{ var.value.get('lakeml_executor_instances', '2') }}",
    "spark.driver.memory": "{{ var.value.get('lakeml_driver_memory', '2g') }}",
}


def pipeline_conf(variable: str) -> str:
    """The pipeline conf file: the run's params.pipeline_conf, else the Variable, else the default."""
    return "{{ params.pipeline_conf or var.value.get('%s', '%s') }}" % (variable, DEFAULT_CONF)


def lakeml_run_id(dag_run, prefix: str) -> str:
    """A lakeml run id from the Airflow run id: the same on every retry of the DAG run, and only
    letters, digits, '.', '_' and '-' (lakeml ids name folders), at most 120 characters."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", str(dag_run.run_id)).strip("-._")
    return (prefix + "-" + safe)[:120]


# Templates take the DAG run's id through this macro (DAG(user_defined_macros=MACROS)).
MACROS = {"lakeml_run_id": lakeml_run_id}


def run_id_template(prefix: str, suffix: str = "") -> str:
    return "{{ lakeml_run_id(dag_run, '%s') }}%s" % (prefix, suffix)


def lakeml_args(conf: str, run_id: str, *sets: str) -> list[str]:
    """--config, --run-id, the lake root and any further --set key=value (each templated)."""
    args = ["--config", conf, "--run-id", run_id, "--set", "lakeml.lake.root=" + LAKE_ROOT]
    for s in sets:
        args += ["--set", s]
    return args


def spark_task(task_id: str, java_class: str, args: list[str], operator=None, **kwargs):
    """A lakeml job as a SparkSubmitOperator (or a subclass) on the thin cluster jar."""
    operator = operator or SparkSubmitOperator
    return operator(task_id=task_id, application=JAR, java_class=java_class,
                    application_args=args, conf=dict(SPARK_CONF),
                    name="lakeml-" + task_id, **kwargs)


class LakemlMonitorOperator(SparkSubmitOperator):
    """MonitorJob whose drift exit code is an outcome, not a failure: returns (to XCom)
    {"drifted": bool, "exit_code": int}. Exit 0 = no drift, DRIFT_EXIT_CODE = drift, anything
    else fails the task (and is retried). The code is spark-submit's own, which is the driver's
    exit code in client deploy mode (and on Kubernetes, where the hook reads it from the driver
    log); in YARN or standalone cluster deploy mode spark-submit does not pass it on, so run this
    task in client mode there."""

    def execute(self, context):
        try:
            super().execute(context)
            return {"drifted": False, "exit_code": 0}
        except AirflowException:
            code = monitor_exit_code(getattr(self, "_hook", None))
            if code == DRIFT_EXIT_CODE:
                self.log.info("MonitorJob found drift (exit code %s)", code)
                return {"drifted": True, "exit_code": code}
            raise


def monitor_exit_code(hook):
    """spark-submit's exit code from the provider's SparkSubmitHook (private attributes of
    apache-airflow-providers-apache-spark: _spark_exit_code on Kubernetes, else the process)."""
    if hook is None:
        return None
    k8s = getattr(hook, "_spark_exit_code", None) if getattr(hook, "_is_kubernetes", False) else None
    if k8s is not None:
        return k8s
    process = getattr(hook, "_submit_sp", None)
    return getattr(process, "returncode", None)


def choose_after_monitor(ti=None, **_):
    """The scoring DAG's branch: retrain on drift."""
    result = ti.xcom_pull(task_ids="monitor") or {}
    return "trigger_training" if result.get("drifted") else "no_drift"
