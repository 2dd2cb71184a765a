"""The Helm chart (deploy/helm/korea-visa-guide), checked offline: `helm lint`, `helm template` with the
default values and with values-production.yaml, each rendered manifest validated by kubernetes-validate
against Kubernetes 1.32; and what the chart must hold. No cluster runs here (docs/deployment.md)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from runtime.stack import ROOT

CHART = ROOT / "deploy" / "helm" / "korea-visa-guide"
TOOLS = Path(os.environ.get("KVG_TOOLS_DIR", Path.home() / ".cache" / "korea-visa-guide" / "tools"))
HELM = Path(os.environ.get("HELM", TOOLS / "helm"))
VALIDATE = Path(os.environ.get("KUBERNETES_VALIDATE", TOOLS / "kv" / "bin" / "kubernetes-validate"))
K8S = "1.32.0"


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module", autouse=True)
def tools() -> None:
    missing = [str(p) for p in (HELM, VALIDATE) if not p.exists()]
    if missing:
        pytest.fail(f"missing {missing}: `make helm-tools` installs them (make test-swarm does)")


def render(tmp_path: Path, *values: str) -> list[dict]:
    args = [HELM, "template", "kvg", CHART] + [x for v in values for x in ("-f", CHART / v)]
    result = run(*args)
    assert result.returncode == 0, result.stderr
    documents = [d for d in yaml.safe_load_all(result.stdout) if d]
    for index, document in enumerate(documents):  # each manifest on its own, as kubernetes-validate reads it
        path = tmp_path / f"{index:02d}-{document['kind']}.yaml"
        path.write_text(yaml.safe_dump(document))
        check = run(VALIDATE, "-k", K8S, "--strict", path)
        assert check.returncode == 0, f"{document['kind']} {document['metadata']['name']}: {check.stdout}{check.stderr}"
    return documents


@pytest.mark.parametrize("values", [(), ("values-production.yaml",)], ids=["defaults", "production"])
def test_lint_and_every_manifest_is_valid_for_kubernetes_1_32(values, tmp_path):
    lint = run(HELM, "lint", CHART, *[x for v in values for x in ("-f", CHART / v)])
    assert lint.returncode == 0, lint.stdout + lint.stderr
    kinds = sorted(d["kind"] for d in render(tmp_path, *values))
    expected = ["Deployment"] * 3 + ["Ingress"] + ["PodDisruptionBudget"] * 2 + ["Service"] * 4
    if values:
        expected += ["HorizontalPodAutoscaler"]  # production: autoscaling on, the Secret is an existing one
    else:
        expected += ["Secret"]
    assert kinds == sorted(expected)


def test_probes_secrets_and_affinity(tmp_path):
    documents = {(d["kind"], d["metadata"]["name"]): d for d in render(tmp_path, "values-production.yaml")}
    rasa = documents[("Deployment", "kvg-kvg-rasa")]["spec"]["template"]["spec"]["containers"][0]
    assert rasa["readinessProbe"]["exec"]["command"] == ["python", "deploy/container/healthcheck.py", "rasa"]
    assert rasa["livenessProbe"]["httpGet"]["path"] == "/webhooks/rest/"
    actions = documents[("Deployment", "kvg-kvg-actions")]["spec"]["template"]["spec"]["containers"][0]
    assert actions["readinessProbe"]["httpGet"]["path"] == "/health"
    for container in (rasa, actions):
        names = {e["name"] for e in container["env"]}
        assert not names & {"DATABASE_URL", "TRACKER_DB_URL", "REDIS_URL", "RASA_AUTH_TOKEN", "POSTGRES_PASSWORD"}
        assert {"name": "secrets", "mountPath": "/run/secrets", "readOnly": True} in container["volumeMounts"]
    assert documents[("Service", "kvg-kvg-rasa")]["spec"]["clusterIP"] == "None"  # nginx follows the pods
    assert documents[("Service", "kvg-kvg-nginx")]["spec"]["sessionAffinity"] == "ClientIP"
    ingress = documents[("Ingress", "kvg-kvg")]["metadata"]["annotations"]
    assert ingress["nginx.ingress.kubernetes.io/affinity"] == "cookie"


def test_an_invalid_manifest_is_caught(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: two}\n")
    assert run(VALIDATE, "-k", K8S, "--strict", broken).returncode != 0
