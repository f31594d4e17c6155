"""Tests of the stricter swift-format configuration of Sources/ (run by scripts/validate.sh).

validate.sh lints every Swift file with `swift format lint --strict`, which uses the nearest `.swift-format`: the
root one for Tests/ and the rest, `Sources/.swift-format` for the libraries and the CLI. These tests keep the two
configurations in step and check that the Sources/ one refuses a force unwrap, a force try and an undocumented
public declaration.
"""

import json
import pathlib
import shutil
import subprocess
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
STRICT_RULES = ("NeverForceUnwrap", "NeverUseForceTry", "AllPublicDeclarationsHaveDocumentation")

PROBE = """/// A probe.
public enum Probe {
    public static func value(_ text: String?) -> Int {
        let number = Int(text!)
        return try! number ?? parse()
    }

    /// Parses nothing.
    static func parse() throws -> Int { 0 }
}
"""


class FormatConfigTests(unittest.TestCase):
    def test_sources_config_is_the_root_config_with_the_strict_rules(self):
        root = json.loads((ROOT / ".swift-format").read_text())
        sources = json.loads((ROOT / "Sources" / ".swift-format").read_text())
        for rule in STRICT_RULES:
            self.assertIs(sources["rules"].pop(rule), True, rule)
            root["rules"].pop(rule, None)
        self.assertEqual(sources, root, "Sources/.swift-format differs from .swift-format beyond the strict rules")

    @unittest.skipUnless(shutil.which("swift"), "swift is not installed")
    def test_lint_refuses_force_unwrap_force_try_and_undocumented_public_symbols_only_in_sources(self):
        with tempfile.TemporaryDirectory() as folder:
            tree = pathlib.Path(folder)
            shutil.copy(ROOT / ".swift-format", tree / ".swift-format")
            for place in ("Sources/App", "Tests/AppTests"):
                (tree / place).mkdir(parents=True)
                (tree / place / "Probe.swift").write_text(PROBE)
            shutil.copy(ROOT / "Sources" / ".swift-format", tree / "Sources" / ".swift-format")

            strict = self.lint(tree / "Sources/App/Probe.swift")
            self.assertNotEqual(strict.returncode, 0)
            for rule in STRICT_RULES:
                self.assertIn(f"[{rule}]", strict.stderr)

            relaxed = self.lint(tree / "Tests/AppTests/Probe.swift")
            self.assertEqual(relaxed.returncode, 0, relaxed.stderr)

    @staticmethod
    def lint(path: pathlib.Path) -> subprocess.CompletedProcess:
        return subprocess.run(["swift", "format", "lint", "--strict", str(path)], capture_output=True, text=True)


if __name__ == "__main__":
    unittest.main()
