"""The layers contract (pyproject.toml, run by `make lint`): it passes on the real tree and
fails as soon as one import runs back up a layer or across siblings."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_project(tmp_path: Path) -> Path:
    tree = tmp_path / "project"
    tree.mkdir()
    shutil.copy(ROOT / "pyproject.toml", tree)
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tree


def test_the_real_tree_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, bad_import, illegal",
    [
        ("sosafe/models.py", "import reports", "sosafe.models -> reports"),
        ("actionplan/rules.py", "import funding.rules", "actionplan.rules -> funding.rules"),
        (
            "referrals/selectors/common.py",
            "import funding.models",
            "referrals.selectors.common -> funding.models",
        ),
    ],
)
def test_an_import_that_runs_back_up_breaks_the_contract(tmp_path, module, bad_import, illegal):
    tree = copy_of_the_project(tmp_path)
    source = tree / module
    source.write_text(source.read_text() + f"\n{bad_import}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert "1 broken" in result.stdout
    assert illegal in result.stdout
