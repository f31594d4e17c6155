#!/usr/bin/env python3
"""Compares each target's imports with the dependencies Package.swift declares for it.

SwiftPM's `--explicit-target-dependency-import-check` catches a target importing a sibling target it does not
declare, but not an external product: a module reachable transitively (CoreMetrics through Metrics, PostgresNIO
through TiplineStorage) compiles without being declared, and a declared product that nothing imports stays in
the graph. This check fails on both:

- an import of a module that is neither declared (target or product) nor part of the toolchain;
- a declared dependency that no source file of the target imports.

Usage: scripts/check-dependencies.py [package.json]   (default: runs `swift package dump-package`)
"""

import json
import pathlib
import re
import subprocess
import sys

# Modules that come with the toolchain or the platform, never declared in a manifest.
TOOLCHAIN_MODULES = {
    "Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking",
    "Dispatch", "Glibc", "Musl", "Darwin", "Android", "WinSDK", "Synchronization", "Observation",
    "_Concurrency", "Distributed", "RegexBuilder", "Testing", "XCTest", "os", "Security", "CryptoKit",
}

IMPORT = re.compile(
    r"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?"
    r"import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)",
    re.MULTILINE,
)
# `#if canImport(X)` guards a platform-specific import: such a module may be absent from the manifest.
CAN_IMPORT = re.compile(r"canImport\(([A-Za-z_][A-Za-z0-9_]*)\)")


def load_manifest(argv: list[str]) -> dict:
    if len(argv) > 1:
        return json.loads(pathlib.Path(argv[1]).read_text())
    output = subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def declared_modules(target: dict) -> set[str]:
    """Names of the modules a target declares: sibling targets by name, products by their (module) name."""
    names = set()
    for dependency in target.get("dependencies", []):
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                names.add(dependency[kind][0])
    return names


def target_path(target: dict) -> pathlib.Path:
    if target.get("path"):
        return pathlib.Path(target["path"])
    folder = "Tests" if target["type"] == "test" else "Sources"
    return pathlib.Path(folder) / target["name"]


def imported_modules(path: pathlib.Path) -> tuple[set[str], set[str]]:
    imports, guarded = set(), set()
    for file in sorted(path.rglob("*.swift")):
        text = file.read_text(encoding="utf-8")
        imports.update(IMPORT.findall(text))
        guarded.update(CAN_IMPORT.findall(text))
    return imports, guarded


def main(argv: list[str]) -> int:
    manifest = load_manifest(argv)
    local_targets = {target["name"] for target in manifest["targets"]}
    problems = []
    for target in manifest["targets"]:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        declared = declared_modules(target)
        imports, guarded = imported_modules(target_path(target))
        imports.discard(target["name"])
        for module in sorted(imports - declared - TOOLCHAIN_MODULES - guarded):
            where = "target" if module in local_targets else "module"
            problems.append(f"{target['name']}: imports {where} {module} without declaring it")
        for module in sorted(declared - imports):
            problems.append(f"{target['name']}: declares {module} but never imports it")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"check-dependencies: {len(problems)} problem(s); fix Package.swift or the imports.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
