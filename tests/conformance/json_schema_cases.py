"""Holds docs/schema/ to tests/fixtures/payload-cases.json with jsonschema_rs, a validator
nobody here wrote: every schema is valid draft 2020-12, and each case's verdict is the table's.
Prints one JSON report; the caller (json-schema.test.mjs) asserts on it."""

import copy
import json
import pathlib
import sys

import jsonschema_rs

ROOT = pathlib.Path(sys.argv[1])
SCHEMAS = ROOT / "docs" / "schema"
FIXTURES = ROOT / "tests" / "fixtures" / "seekpass-docs"


def schema_file(path):
    if path == "/api/partner/v2/add/requests/batch.json":
        return "v2-batch.schema.json"
    name = path.removeprefix("/api/partner/v1/add/").removesuffix(".json")
    return f"v1-{name}.schema.json"


def edited(case):
    fixture = json.loads((FIXTURES / case["fixture"]).read_text())
    body = copy.deepcopy(fixture["body"])
    for pointer, value in case.get("set", {}).items():
        *parents, key = pointer.split("/")[1:]
        target = body
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        if isinstance(target, list):
            target[int(key)] = value
        else:
            target[key] = value
    for pointer in case.get("remove", []):
        *parents, key = pointer.split("/")[1:]
        target = body
        for p in parents:
            target = target[int(p)] if isinstance(target, list) else target[p]
        del target[key]
    return fixture["path"], body


def main():
    report = {"meta": {}, "cases": []}
    validators = {}
    for f in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(f.read_text())
        try:
            jsonschema_rs.meta.validate(schema)
            report["meta"][f.name] = "valid"
        except jsonschema_rs.ValidationError as e:
            report["meta"][f.name] = f"invalid: {e.message}"
        validators[f.name] = jsonschema_rs.Draft202012Validator(schema)
    table = json.loads((ROOT / "tests" / "fixtures" / "payload-cases.json").read_text())
    for case in table["cases"]:
        path, body = edited(case)
        validator = validators[schema_file(path)]
        errors = [f"{'/'.join(map(str, e.instance_path))}: {e.kind.__class__.__name__}" for e in validator.iter_errors(body)]
        report["cases"].append({
            "name": case["name"],
            "schema": schema_file(path),
            "want": case["valid"],
            "beyond_schema": case.get("beyond_schema", False),
            "schema_valid": not errors,
            "errors": errors[:3],
        })
    json.dump(report, sys.stdout, indent=1)


main()
