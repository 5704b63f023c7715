"""The package shows the pipeline: a module imports only from its own stage and the stages before it."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "extractors"

# In the order data flows; a stage may use any stage listed before it.
STAGES = ("catalog", "models", "text", "quantities", "regions", "indicators", "periods", "tables", "run",
          "review", "evaluate", "cli", "__main__")


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(relative.parts), path


def test_every_module_belongs_to_a_stage():
    stray = [module for module, _ in _modules() if _stage(module) not in STAGES + ("__init__",)]
    assert stray == []


def test_no_module_imports_from_a_later_stage():
    upward = []
    for module, path in _modules():
        own = STAGES.index(_stage(module)) if _stage(module) in STAGES else -1
        for imported in _imports(path):
            if imported.startswith("extractors.") and STAGES.index(_stage(imported)) > own:
                upward.append(f"{module} imports {imported}")
    assert upward == []


def test_no_relative_imports_hide_the_stage():
    relative = [module for module, path in _modules()
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level > 0]
    assert relative == []
