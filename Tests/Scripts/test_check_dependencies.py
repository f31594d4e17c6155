"""Tests of scripts/check-dependencies.py on throwaway package trees (run by scripts/validate.sh)."""

import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECKER = pathlib.Path(__file__).resolve().parents[2] / "scripts" / "check-dependencies.py"


def run_checker(sources: dict[str, str], dependencies: list[dict]) -> subprocess.CompletedProcess:
    """Writes Sources/App/<file> for each entry and a manifest whose target App declares `dependencies`."""
    with tempfile.TemporaryDirectory() as root:
        folder = pathlib.Path(root) / "Sources" / "App"
        folder.mkdir(parents=True)
        for name, text in sources.items():
            (folder / name).write_text(text)
        manifest = {"targets": [{"name": "App", "type": "regular", "dependencies": dependencies}]}
        (pathlib.Path(root) / "package.json").write_text(json.dumps(manifest))
        return subprocess.run([sys.executable, str(CHECKER), "package.json"], cwd=root, capture_output=True, text=True)


class CheckDependenciesTests(unittest.TestCase):
    def test_matching_imports_pass(self):
        result = run_checker(
            {"a.swift": "import Foundation\npublic import Logging\n@preconcurrency internal import NIOCore\n"},
            [{"product": ["Logging", "swift-log", None, None]}, {"product": ["NIOCore", "swift-nio", None, None]}],
        )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_undeclared_import_fails(self):
        result = run_checker({"a.swift": "import CoreMetrics\n"}, [])
        self.assertEqual(result.returncode, 1)
        self.assertIn("App: imports module CoreMetrics without declaring it", result.stderr)

    def test_unused_declaration_fails(self):
        result = run_checker({"a.swift": "import Foundation\n"}, [{"byName": ["GRDB", None]}])
        self.assertEqual(result.returncode, 1)
        self.assertIn("App: declares GRDB but never imports it", result.stderr)

    def test_platform_guarded_import_is_not_required(self):
        result = run_checker({"a.swift": "#if canImport(UIKit)\nimport UIKit\n#endif\n"}, [])
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
