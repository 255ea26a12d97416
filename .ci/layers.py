#!/usr/bin/env python3
"""The layering of src/ (docs/architecture.md): nothing imports upward, and outside model/ no files form a circle.

The layers, lowest first: model/ <- store/, render/, import/ <- package/ <- ui/, cli/. A file "uses" another when
it names it through `crate::...` or `super::...` outside its `#[cfg(test)] mod tests`. Prints every upward use and
every circle, and exits 1 when there is one. Run from the repository root: python3 .ci/layers.py
"""
import os
import re
import sys
from collections import defaultdict

LAYER = {"model": 0, "store": 1, "render": 1, "import": 1, "package": 2, "ui": 3, "cli": 3}


def module_path(path):
    parts = path[len("src/"):-len(".rs")].split("/")
    return parts[:-1] if parts[-1] in ("mod", "lib") else parts


def main():
    files = {}
    for root, _, names in os.walk("src"):
        for name in names:
            if name.endswith(".rs"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                # A file's own tests may use anything.
                files[path] = re.sub(r"#\[cfg\(test\)\]\s*mod tests\s*\{.*", "", text, flags=re.S)
    modules = {tuple(module_path(p)): p for p in files}

    def resolve(parts):
        for n in range(len(parts), 0, -1):
            if tuple(parts[:n]) in modules:
                return modules[tuple(parts[:n])]
        return None

    uses = defaultdict(set)
    for path, text in files.items():
        here = module_path(path)
        for m in re.finditer(r"crate::([a-z_0-9:]+)", text):
            target = resolve(m.group(1).split("::"))
            if target and target != path:
                uses[path].add(target)
        for m in re.finditer(r"\bsuper::([a-z_0-9:]+)", text):
            target = resolve(here[:-1] + m.group(1).split("::"))
            if target and target != path:
                uses[path].add(target)

    problems = []
    for path, targets in sorted(uses.items()):
        mine = LAYER.get(module_path(path)[0] if module_path(path) else "")
        for target in sorted(targets):
            theirs = LAYER.get(module_path(target)[0] if module_path(target) else "")
            if mine is not None and theirs is not None and theirs > mine:
                problems.append(f"upward: {path} uses {target}")

    # Circles: strongly connected components of more than one file (Tarjan).
    sys.setrecursionlimit(10000)
    index, low, stack, on_stack, counter = {}, {}, [], set(), [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in uses[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            circle = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                circle.append(w)
                if w == v:
                    break
            if len(circle) > 1 and any(not f.startswith("src/model/") for f in circle):
                problems.append("circle: " + " <-> ".join(sorted(circle)))

    for v in sorted(files):
        if v not in index:
            visit(v)
    for problem in problems:
        print(problem)
    print(f"layers: {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
