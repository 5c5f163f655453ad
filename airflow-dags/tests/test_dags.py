"""The DAG files against the Airflow stub (conftest.py): they parse without top-level I/O, their
arguments and task order are as intended, every task's main class is in the built jar and every
pipeline conf they default to exists."""
from __future__ import annotations

import builtins
import glob
import os
import socket
import subprocess
import types
import zipfile
from datetime import datetime, timezone

import pytest

import conftest
from conftest import ROOT, render

SANITISED = "scheduled__2026-11-26T00-00-00-00-00"
AIRFLOW_RUN_ID = "scheduled__2026-11-26T00:00:00+00:00"


def spark_tasks(dag):
    return {t.task_id: t for t in dag.tasks.values() if hasattr(t, "java_class")}


def test_dag_files_import_without_io(monkeypatch):
    def forbidden(name):
        def fail(*a, **k):
            raise AssertionError(f"top-level I/O while importing the DAGs: {name}{a}")
        return fail

    real_open = builtins.open

    def guarded_open(file, *a, **k):  # Python's own imports read .py files through io.open_code
        raise AssertionError(f"top-level I/O while importing the DAGs: open({file!r})")

    monkeypatch.setattr(builtins, "open", guarded_open)
    for name in ("listdir", "scandir", "stat", "remove", "makedirs", "system"):
        monkeypatch.setattr(os, name, forbidden("os." + name), raising=False)
    monkeypatch.setattr(subprocess, "Popen", forbidden("subprocess.Popen"))
    monkeypatch.setattr(socket, "socket", forbidden("socket.socket"))
    try:
        for name in ("lakeml_training", "lakeml_scoring"):
            conftest.load_dag_module(name)
    finally:
        monkeypatch.setattr(builtins, "open", real_open)


@pytest.mark.parametrize("fixture", ["training", "scoring"])
def test_dag_arguments(fixture, request):
    dag = request.getfixturevalue(fixture)
    assert dag.catchup is False
    assert dag.start_date == datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert dag.max_active_runs == 1
    for task in spark_tasks(dag).values():
        assert task.retries == 2, task.task_id
        assert task.application.startswith("{{"), "jar from a Variable"


def test_training_order(training):
    assert set(training.tasks) == {"materialize_features", "validate", "search", "report",
                                   "register"}
    chain = ["materialize_features", "validate", "search", "report", "register"]
    for a, b in zip(chain, chain[1:]):
        assert training.tasks[a].downstream == {b}, a
    assert training.tasks["materialize_features"].upstream == set()


def test_scoring_order(scoring):
    t = scoring.tasks
    assert t["score"].downstream == {"monitor"}
    assert t["monitor"].downstream == {"branch"}
    assert t["branch"].downstream == {"trigger_training", "no_drift"}
    assert t["trigger_training"].trigger_dag_id == "lakeml_training"
    assert t["score"].upstream == set()


def test_main_classes_are_in_the_built_jar(training, scoring):
    jars = [j for j in glob.glob(str(ROOT / "spark-jobs/target/lakeml-spark-jobs-*-cluster.jar"))]
    if not jars:
        pytest.skip("spark-jobs/target/lakeml-spark-jobs-*-cluster.jar is not built "
                    "(mvn -B -ntp -DskipTests install)")
    with zipfile.ZipFile(jars[0]) as jar:
        names = set(jar.namelist())
    for dag in (training, scoring):
        for task in spark_tasks(dag).values():
            entry = task.java_class.replace(".", "/") + ".class"
            assert entry in names, f"{dag.dag_id}.{task.task_id}: {task.java_class} not in {jars[0]}"


def test_rendered_arguments(training, scoring):
    # Defaults: the conf named by the default deploy layout exists in the checkout's conf/.
    for dag in (training, scoring):
        for task in spark_tasks(dag).values():
            args = render(task.application_args, dag, AIRFLOW_RUN_ID)
            conf = args[args.index("--config") + 1]
            assert conf.startswith("/opt/lakeml/conf/")
            assert (ROOT / conf[len("/opt/lakeml/"):]).is_file(), conf
            assert render(task.application, dag, AIRFLOW_RUN_ID) == \
                "/opt/lakeml/lakeml-spark-jobs-cluster.jar"
            assert "lakeml.lake.root=/opt/lakeml/lake" in args
    t = training.tasks
    args = {k: render(v.application_args, training, AIRFLOW_RUN_ID) for k, v in
            spark_tasks(training).items()}
    run = "train-" + SANITISED
    assert args["search"][args["search"].index("--run-id") + 1] == run
    assert "lakeml.registry.register=false" in args["search"]
    assert "lakeml.report.enabled=false" in args["search"]
    assert args["report"][args["report"].index("--run-id") + 1] == run
    assert "lakeml.registry.action=register" in args["register"]
    assert "lakeml.registry.run-id=" + run in args["register"]
    assert t["validate"].java_class == "io.lakeml.jobs.ValidateJob"
    # Variables and params win over the defaults.
    custom = render(t["search"].application_args, training, AIRFLOW_RUN_ID,
                    variables={"lakeml_training_conf": "/x/a.conf", "lakeml_lake_root": "s3a://b/l"})
    assert custom[:2] == ["--config", "/x/a.conf"] and "lakeml.lake.root=s3a://b/l" in custom
    custom = render(t["search"].application_args, training, AIRFLOW_RUN_ID,
                    variables={"lakeml_training_conf": "/x/a.conf"},
                    params={"pipeline_conf": "/y/b.conf"})
    assert custom[:2] == ["--config", "/y/b.conf"]
    s = scoring.tasks
    margs = render(s["monitor"].application_args, scoring, AIRFLOW_RUN_ID)
    assert "lakeml.monitor.scoring-run-id=score-" + SANITISED in margs
    assert render(s["trigger_training"].trigger_run_id, scoring, AIRFLOW_RUN_ID) == \
        "drift-score-" + SANITISED


def test_run_ids_are_stable_and_safe(training):
    import lakeml_common
    ids = {lakeml_common.lakeml_run_id(types.SimpleNamespace(run_id=r), "train") for r in
           [AIRFLOW_RUN_ID] * 3}
    assert ids == {"train-" + SANITISED}
    odd = lakeml_common.lakeml_run_id(types.SimpleNamespace(run_id="manual__ä b/c" + "x" * 300),
                                      "train")
    assert len(odd) <= 120 and all(c.isalnum() or c in "._-" for c in odd)


class _Hook:
    def __init__(self, code):
        self._submit_sp = types.SimpleNamespace(returncode=code)
        self._is_kubernetes = False


@pytest.mark.parametrize("code,outcome", [(0, False), (3, True), (1, None), (2, None)])
def test_monitor_outcome_and_branch(scoring, code, outcome):
    import lakeml_common
    monitor = scoring.tasks["monitor"]
    base = type(monitor).__mro__[1]

    def fake_execute(self, context):
        self._hook = _Hook(code)
        if code:
            raise conftest.AirflowException(f"Cannot execute: ... Error code is: {code}.")

    original = base.execute
    base.execute = fake_execute
    try:
        if outcome is None:
            with pytest.raises(conftest.AirflowException):
                monitor.execute({})
            return
        result = monitor.execute({})
    finally:
        base.execute = original
    assert result == {"drifted": outcome, "exit_code": code}
    ti = types.SimpleNamespace(xcom_pull=lambda task_ids: result if task_ids == "monitor" else None)
    assert lakeml_common.choose_after_monitor(ti=ti) == ("trigger_training" if outcome else "no_drift")
    assert scoring.tasks["branch"].python_callable is lakeml_common.choose_after_monitor
