#!/usr/bin/python3
"""Checks that the chart's values are documented in all three places that describe them.

Every key in values.yaml is covered by a "## @param" comment (on the key itself or on a map
or list that contains it), every @param names a key that exists, every key is declared in
values.schema.json, and the parameter table in README.md matches the @param comments.

Usage: check_params.py CHART_DIR          check, exit 1 on any mismatch
       check_params.py --table CHART_DIR  print the README parameter table
       check_params.py --write CHART_DIR  rewrite the table in README.md
"""

import json
import re
import sys
from pathlib import Path

import yaml

PARAM_RE = re.compile(r"^\s*## @param (\S+) (.+?)\s*$")
SECTION_RE = re.compile(r"^\s*## @section (.+?)\s*$")
TABLE_START = "<!-- parameters:start -->"
TABLE_END = "<!-- parameters:end -->"


def read_params(values_text):
    """Returns [(section, key, description)] in file order."""
    params, section = [], ""
    for line in values_text.splitlines():
        if m := SECTION_RE.match(line):
            section = m.group(1)
        elif m := PARAM_RE.match(line):
            params.append((section, m.group(1), m.group(2)))
    return params


def leaf_paths(node, prefix=""):
    """Yields the dotted path of every leaf: a scalar, a list or an empty map."""
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            yield from leaf_paths(value, path + ".")
        else:
            yield path


def lookup(values, path):
    node = values
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(path)
        node = node[part]
    return node


def schema_has(schema, path):
    node = schema
    for part in path.split("."):
        props = node.get("properties", {})
        if part in props:
            node = props[part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        elif node.get("type") == "object" and "properties" not in node:
            return True  # A free-form map (e.g. resources.limits) accepts any key.
        else:
            return False
    return True


def render_table(params, values):
    lines = []
    current = None
    for section, key, description in params:
        if section != current:
            if current is not None:
                lines.append("")
            lines += [f"### {section}", "", "| Name | Description | Default |",
                      "| --- | --- | --- |"]
            current = section
        default = json.dumps(lookup(values, key), separators=(", ", ": "))
        cells = [f"`{key}`", description, f"`{default}`"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def readme_table(readme_text):
    start = readme_text.find(TABLE_START)
    end = readme_text.find(TABLE_END)
    if start < 0 or end < start:
        return None
    return readme_text[start + len(TABLE_START):end].strip("\n") + "\n"


def check(chart):
    values_text = (chart / "values.yaml").read_text()
    values = yaml.safe_load(values_text)
    schema = json.loads((chart / "values.schema.json").read_text())
    params = read_params(values_text)
    documented = {key for _, key, _ in params}
    errors = []

    for path in leaf_paths(values):
        parts = path.split(".")
        ancestors = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        if not ancestors & documented:
            errors.append(f"values.yaml: {path} has no '## @param' comment")
        if not schema_has(schema, path):
            errors.append(f"values.schema.json: {path} is not declared")
    for _, key, description in params:
        try:
            lookup(values, key)
        except KeyError:
            errors.append(f"values.yaml: @param {key} names no key")
        if len(description) < 10:
            errors.append(f"values.yaml: @param {key} needs a real description")
    if len(documented) != len(params):
        errors.append("values.yaml: a key has more than one @param comment")

    if not errors:
        table = readme_table((chart / "README.md").read_text())
        if table is None:
            errors.append(f"README.md: no {TABLE_START} ... {TABLE_END} block")
        elif table != render_table(params, values):
            errors.append("README.md: parameter table is out of date "
                          f"(regenerate with: {sys.argv[0]} --write {chart})")

    for error in errors:
        print(f"  {error}", file=sys.stderr)
    return not errors


def write_table(chart, table):
    readme = chart / "README.md"
    text = readme.read_text()
    if readme_table(text) is None:
        print(f"README.md: no {TABLE_START} ... {TABLE_END} block", file=sys.stderr)
        return 1
    head, rest = text.split(TABLE_START, 1)
    tail = rest.split(TABLE_END, 1)[1]
    readme.write_text(f"{head}{TABLE_START}\n{table}{TABLE_END}{tail}")
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] in ("--table", "--write"):
        chart = Path(argv[2])
        values_text = (chart / "values.yaml").read_text()
        table = render_table(read_params(values_text), yaml.safe_load(values_text))
        if argv[1] == "--write":
            return write_table(chart, table)
        sys.stdout.write(table)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    return 0 if check(Path(argv[1])) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
