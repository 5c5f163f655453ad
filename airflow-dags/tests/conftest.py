"""A minimal stand-in for the parts of Airflow the DAGs use (Airflow itself cannot be installed
here): DAG as a context manager that collects its tasks, operators that keep their arguments and
record >> dependencies, Variable that fails when read (the DAGs must read Variables only in
templates, at run time). Enough to import the DAG files and inspect them; it is not Airflow."""
from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "airflow-dags" / "dags"


class AirflowException(Exception):
    pass


class DAG:
    _current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}
        self.params = dict(kwargs.get("params") or {})
        self.default_args = dict(kwargs.get("default_args") or {})
        self.user_defined_macros = dict(kwargs.get("user_defined_macros") or {})

    def __getattr__(self, name):
        try:
            return self.__dict__["kwargs"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __enter__(self):
        DAG._current = self
        return self

    def __exit__(self, *exc):
        DAG._current = None


class BaseOperator:
    template_fields: tuple = ()

    def __init__(self, task_id, dag=None, **kwargs):
        self.task_id = task_id
        self.dag = dag or DAG._current
        assert self.dag is not None, f"task {task_id} outside a DAG"
        assert task_id not in self.dag.tasks, f"duplicate task {task_id}"
        args = dict(self.dag.default_args)
        args.update(kwargs)
        self.kwargs = args
        self.retries = args.get("retries", 0)
        self.trigger_rule = args.get("trigger_rule", "all_success")
        self.downstream = set()
        self.upstream = set()
        self.dag.tasks[task_id] = self
        self.log = types.SimpleNamespace(info=lambda *a, **k: None)

    def __getattr__(self, name):
        try:
            return self.__dict__["kwargs"][name]
        except KeyError:
            raise AttributeError(name) from None

    def _link(self, other):
        for o in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream.add(o.task_id)
            o.upstream.add(self.task_id)
        return other

    def __rshift__(self, other):
        return self._link(other)

    def __lshift__(self, other):
        for o in other if isinstance(other, (list, tuple)) else [other]:
            o._link(self)
        return other

    def __rrshift__(self, other):
        for o in other:
            o._link(self)
        return self

    def execute(self, context):
        return None


class SparkSubmitOperator(BaseOperator):
    template_fields = ("application", "conf", "name", "application_args", "env_vars")

    def __init__(self, *, application, java_class=None, application_args=None, conf=None,
                 name="arrow-spark", conn_id="spark_default", **kwargs):
        super().__init__(**kwargs)
        self.application = application
        self.java_class = java_class
        self.application_args = application_args or []
        self.conf = conf or {}
        self.name = name
        self.conn_id = conn_id
        self._hook = None

    def execute(self, context):  # replaced by tests that run the job
        raise AirflowException("the stub SparkSubmitOperator runs nothing")


class EmptyOperator(BaseOperator):
    pass


class BranchPythonOperator(BaseOperator):
    def __init__(self, *, python_callable, **kwargs):
        super().__init__(**kwargs)
        self.python_callable = python_callable


class TriggerDagRunOperator(BaseOperator):
    template_fields = ("trigger_dag_id", "trigger_run_id", "conf")

    def __init__(self, *, trigger_dag_id, trigger_run_id=None, conf=None, **kwargs):
        super().__init__(**kwargs)
        self.trigger_dag_id = trigger_dag_id
        self.trigger_run_id = trigger_run_id
        self.conf = conf


class Variable:
    @staticmethod
    def get(*args, **kwargs):
        raise AssertionError("Variable.get called outside a template (top-level I/O)")


def _module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


def install_stub():
    _module("airflow", DAG=DAG, __path__=[])
    _module("airflow.exceptions", AirflowException=AirflowException)
    _module("airflow.models", DAG=DAG, BaseOperator=BaseOperator, Variable=Variable, __path__=[])
    for pkg in ("airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                "airflow.providers.apache.spark.operators", "airflow.operators"):
        _module(pkg, __path__=[])
    _module("airflow.providers.apache.spark.operators.spark_submit",
            SparkSubmitOperator=SparkSubmitOperator)
    _module("airflow.operators.empty", EmptyOperator=EmptyOperator)
    _module("airflow.operators.python", BranchPythonOperator=BranchPythonOperator)
    _module("airflow.operators.trigger_dagrun", TriggerDagRunOperator=TriggerDagRunOperator)


def load_dag_module(name):
    """Imports a DAG file afresh (after the stub) and returns its module."""
    install_stub()
    if str(DAGS) not in sys.path:
        sys.path.insert(0, str(DAGS))
    for m in (name, "lakeml_common"):
        sys.modules.pop(m, None)
    return importlib.import_module(name)


@pytest.fixture
def training():
    return load_dag_module("lakeml_training").dag


@pytest.fixture
def scoring():
    return load_dag_module("lakeml_scoring").dag


def render(value, dag, run_id, variables=None, params=None):
    """Renders a templated field as Airflow would (Jinja with params, var.value.get, dag_run and
    the DAG's user_defined_macros); lists and dicts element by element."""
    import jinja2

    if isinstance(value, list):
        return [render(v, dag, run_id, variables, params) for v in value]
    if isinstance(value, dict):
        return {k: render(v, dag, run_id, variables, params) for k, v in value.items()}
    if not isinstance(value, str):
        return value
    variables = variables or {}
    merged = dict(dag.params)
    merged.update(params or {})
    context = {
        "params": merged,
        "var": {"value": types.SimpleNamespace(get=lambda k, d=None: variables.get(k, d))},
        "dag_run": types.SimpleNamespace(run_id=run_id),
        **dag.user_defined_macros,
    }
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    return env.from_string(value).render(**context)
