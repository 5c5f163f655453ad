"""End to end on local Spark: each task's spark-submit command, built from the DAG (application,
java_class, application_args, conf) as SparkSubmitOperator would pass them, run in DAG order with
bin/lakeml-submit --master local[2] on the checkout's (non-cluster) jar against a temporary lake,
on the demo's feature-store pipeline with a one-trial budget; then the lake tables each task
writes must exist. Skips only when the jar is not built."""
from __future__ import annotations

import glob
import os
import subprocess
import time
from pathlib import Path

import pytest

import conftest
from conftest import ROOT, render

CONF = str(ROOT / "conf/pipelines/credit_features.conf")
TINY = ["lakeml.search.max-trials=1", "lakeml.search.families=[logistic_regression]",
        "lakeml.search.use-portfolio=false", "lakeml.cv.folds=2"]


def built_jar():
    jars = [j for j in glob.glob(str(ROOT / "spark-jobs/target/lakeml-spark-jobs-*.jar"))
            if not j.endswith("-cluster.jar")]
    ready = (ROOT / "spark-jobs/target/classpath.txt").is_file() and \
        (ROOT / "spark-jobs/target/launcher/jvm-options").is_file()
    return jars[0] if jars and ready else None


def order(dag):
    """The tasks in dependency order (the stub records >>)."""
    done, out = set(), []
    while len(out) < len(dag.tasks):
        ready = sorted(t for t, task in dag.tasks.items()
                       if t not in done and task.upstream <= done)
        assert ready, "cycle"
        out.append(ready[0])
        done.add(ready[0])
    return out


def submit(jar, java_class, args, conf=None, log=None):
    """bin/lakeml-submit in place of spark-submit; returns the exit code."""
    # Each JVM lives a minute or two: the C1 compiler alone costs less than C2's compiles give
    # back (bench/ci-time.md).
    cmd = [str(ROOT / "bin/lakeml-submit"), "--master", "local[2]",
           "--driver-memory", "1g", "--driver-java-options", "-XX:TieredStopAtLevel=1",
           "--conf", "spark.sql.shuffle.partitions=4",
           "--conf", "spark.ui.enabled=false"]
    for k, v in (conf or {}).items():
        if k != "spark.driver.memory":  # the launcher's JVM is the driver: --driver-memory above
            cmd += ["--conf", f"{k}={v}"]
    cmd += ["--class", java_class, jar] + list(args)
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    started = time.monotonic()
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if log is not None:
        log.append((java_class, p.returncode, round(time.monotonic() - started, 1)))
    if p.returncode not in (0, 3):
        print(p.stdout[-4000:], p.stderr[-8000:])
    return p.returncode


def task_command(task, dag, run_id, variables):
    return (render(task.java_class, dag, run_id, variables),
            render(task.application_args, dag, run_id, variables) +
            [a for s in TINY for a in ("--set", s)],
            render(task.conf, dag, run_id, variables))


def test_dags_end_to_end_on_local_spark(tmp_path):
    jar = built_jar()
    if jar is None:
        pytest.skip("spark-jobs/target/lakeml-spark-jobs-*.jar and classpath.txt are not built "
                    "(mvn -B -ntp -DskipTests install)")
    lake = tmp_path / "lake"
    variables = {"lakeml_training_conf": CONF, "lakeml_scoring_conf": CONF,
                 "lakeml_lake_root": str(lake)}
    log = []
    started = time.monotonic()
    # Not a DAG task: the pipeline's source tables, which a real lake already has.
    assert submit(jar, "io.lakeml.jobs.ImportCsvJob",
                  ["--config", CONF, "--set", f"lakeml.lake.root={lake}"], log=log) == 0

    training = conftest.load_dag_module("lakeml_training").dag
    train_id = "manual__2026-11-26T10:00:00+00:00"
    assert order(training) == ["materialize_features", "validate", "search", "report",
                               "register"]
    for name in order(training):
        java_class, args, conf = task_command(training.tasks[name], training, train_id, variables)
        assert submit(jar, java_class, args, conf, log) == 0, f"training task {name} failed"

    scoring = conftest.load_dag_module("lakeml_scoring").dag
    score_id = "scheduled__2026-11-27T00:00:00+00:00"
    import lakeml_common
    branch = None
    for name in order(scoring):
        task = scoring.tasks[name]
        if hasattr(task, "java_class"):
            java_class, args, conf = task_command(task, scoring, score_id, variables)
            code = submit(jar, java_class, args, conf, log)
            if name == "monitor":
                assert code in (0, lakeml_common.DRIFT_EXIT_CODE), f"monitor failed: {code}"
                drifted = code == lakeml_common.DRIFT_EXIT_CODE
                result = {"drifted": drifted, "exit_code": code}
            else:
                assert code == 0, f"scoring task {name} failed"
        elif name == "branch":
            branch = task.python_callable(ti=type("TI", (), {
                "xcom_pull": staticmethod(lambda task_ids: result)})())
    assert branch in ("trigger_training", "no_drift")
    print(f"\nend to end: {log}; total {time.monotonic() - started:.0f}s; branch {branch}")

    run = "train-manual__2026-11-26T10-00-00-00-00"
    for table in ("features/customer_profile", "features/customer_finances", "features/_stats",
                  "features/_materializations", "automl/profiles", "automl/runs",
                  "automl/trials", "automl/registry", "predictions/credit_features",
                  "monitoring/drift"):
        assert (lake / table / "_delta_log").is_dir(), f"no {table}"
    assert (lake / "reports" / run / "index.html").is_file()
    assert (lake / "models/credit_features" / run / "model.json").is_file()
    # Row-level checks would need Spark; the Delta logs name the run ids of the rows written.
    assert _delta_log_mentions(lake / "automl/registry", run)
    assert _delta_log_mentions(lake / "automl/profiles", run + "-validate")
    assert _delta_log_mentions(lake / "predictions/credit_features", "score-scheduled__")


def _delta_log_mentions(table: Path, text: str) -> bool:
    """Whether the table's Delta log names text (the add actions' column statistics hold the
    run id of the rows each file has, cut to Delta's 32-character prefix)."""
    return any(text[:32] in f.read_text() for f in (table / "_delta_log").glob("*.json"))
