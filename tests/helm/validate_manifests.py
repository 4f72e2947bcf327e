#!/usr/bin/python3
"""Validates rendered Kubernetes manifests offline against the python3-kubernetes models.

Each object is walked along the OpenAPI types of its model class (V1Deployment, V1Job, ...):
an unknown field, a value of the wrong type or a missing required field is an error, and so
is an apiVersion/kind this script cannot check. On top of the models it checks what the API
server would reject without a model saying so: object and label syntax, quantities, requests
above limits, selectors that miss their pod template, mounts of undeclared volumes and port
names longer than 15 characters.

Debian 12 ships the models of Kubernetes 1.22. Fields and versions that arrived later are
described here by hand, from the Kubernetes API reference: the native gRPC probe (1.24) and
autoscaling/v2 (1.23, the same shape as v2beta2). ServiceMonitor (monitoring.coreos.com/v1,
a Prometheus Operator CRD) is described by the subset of its fields this project uses; any
other field is reported as unknown.

Usage: validate_manifests.py FILE...   (multi-document YAML, e.g. "helm template" output)
Exits 0 when every object is valid, 1 otherwise.
"""

import base64
import binascii
import re
import sys
from decimal import Decimal

import yaml
from kubernetes.client import models

# apiVersion/kind pairs whose model is not named <Version><Kind>.
MODEL_ALIASES = {
    ("autoscaling/v2", "HorizontalPodAutoscaler"): "V2beta2HorizontalPodAutoscaler",
}

# Hand-written types: name -> (fields {json name: type}, required json names).
CUSTOM_TYPES = {
    "GRPCAction": ({"port": "int", "service": "str"}, {"port"}),
    "ServiceMonitor": ({"apiVersion": "str", "kind": "str", "metadata": "V1ObjectMeta",
                        "spec": "ServiceMonitorSpec"}, {"apiVersion", "kind", "metadata", "spec"}),
    "ServiceMonitorSpec": ({"jobLabel": "str", "targetLabels": "list[str]",
                            "podTargetLabels": "list[str]",
                            "endpoints": "list[ServiceMonitorEndpoint]",
                            "selector": "V1LabelSelector",
                            "namespaceSelector": "ServiceMonitorNamespaceSelector",
                            "sampleLimit": "int"}, {"endpoints", "selector"}),
    "ServiceMonitorEndpoint": ({"port": "str", "targetPort": "object", "path": "str",
                                "scheme": "str", "interval": "str", "scrapeTimeout": "str",
                                "honorLabels": "bool", "honorTimestamps": "bool",
                                "relabelings": "list[dict(str, object)]",
                                "metricRelabelings": "list[dict(str, object)]"}, set()),
    "ServiceMonitorNamespaceSelector": ({"any": "bool", "matchNames": "list[str]"}, set()),
}
CUSTOM_KINDS = {("monitoring.coreos.com/v1", "ServiceMonitor"): "ServiceMonitor"}

# Fields newer than the installed models: model name -> {json name: type}.
EXTRA_FIELDS = {"V1Probe": {"grpc": "GRPCAction"}}

DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")
QUALIFIED_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
IANA_SVC_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
ENV_NAME = re.compile(r"^[-._a-zA-Z][-._a-zA-Z0-9]*$")
QUANTITY = re.compile(r"^([+-]?[0-9.]+)([eE][+-]?[0-9]+|[KMGTPE]i|[numkMGTPE])?$")
QUANTITY_FACTORS = {
    None: 1, "n": Decimal("1e-9"), "u": Decimal("1e-6"), "m": Decimal("1e-3"), "k": 10**3,
    "M": 10**6, "G": 10**9, "T": 10**12, "P": 10**15, "E": 10**18, "Ki": 2**10, "Mi": 2**20,
    "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60,
}
SCALARS = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,),
           "datetime": (str,)}


def parse_quantity(value):
    """Returns a Kubernetes quantity as a Decimal, or None when it is malformed."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return Decimal(str(value))
    match = QUANTITY.match(str(value))
    if not match:
        return None
    try:
        number = Decimal(match.group(1))
    except ArithmeticError:
        return None
    suffix = match.group(2)
    if suffix and suffix[0] in "eE":
        return number * Decimal(10) ** int(suffix[1:])
    return number * QUANTITY_FACTORS[suffix]


class Validator:
    def __init__(self):
        self.errors = []

    def error(self, where, message):
        self.errors.append(f"{where}: {message}")

    # Walking values along type names.

    def walk(self, value, type_name, where):
        """Checks value against type_name; returns the value to hand to a model constructor."""
        if value is None:
            return None
        if type_name in SCALARS:
            ok = isinstance(value, SCALARS[type_name])
            if type_name != "bool" and isinstance(value, bool):
                ok = False
            if not ok:
                self.error(where, f"expected {type_name}, got {type(value).__name__} {value!r}")
            return value
        if type_name == "object":
            return value
        if m := re.fullmatch(r"list\[(.+)\]", type_name):
            if not isinstance(value, list):
                self.error(where, f"expected a list, got {type(value).__name__}")
                return value
            return [self.walk(v, m.group(1), f"{where}[{i}]") for i, v in enumerate(value)]
        if m := re.fullmatch(r"dict\(str, (.+)\)", type_name):
            if not isinstance(value, dict):
                self.error(where, f"expected a map, got {type(value).__name__}")
                return value
            return {k: self.walk(v, m.group(1), f"{where}.{k}") for k, v in value.items()}
        if type_name in CUSTOM_TYPES:
            return self.walk_custom(value, type_name, where)
        return self.walk_model(value, type_name, where)

    def walk_custom(self, value, type_name, where):
        fields, required = CUSTOM_TYPES[type_name]
        if not isinstance(value, dict):
            self.error(where, f"expected an object ({type_name}), got {type(value).__name__}")
            return value
        for key, item in value.items():
            if key not in fields:
                self.error(where, f"unknown field {key!r} in {type_name}")
            else:
                self.walk(item, fields[key], f"{where}.{key}")
        for key in sorted(required - {k for k, v in value.items() if v is not None}):
            self.error(where, f"missing required field {key!r} in {type_name}")
        return value

    def walk_model(self, value, type_name, where):
        cls = getattr(models, type_name, None)
        if cls is None:
            self.error(where, f"no model {type_name} to check against")
            return value
        if not isinstance(value, dict):
            self.error(where, f"expected an object ({type_name}), got {type(value).__name__}")
            return value
        by_json = {json: attr for attr, json in cls.attribute_map.items()}
        extra = EXTRA_FIELDS.get(type_name, {})
        kwargs = {}
        for key, item in value.items():
            if key in extra:
                self.walk(item, extra[key], f"{where}.{key}")
            elif key not in by_json:
                self.error(where, f"unknown field {key!r} in {type_name}")
            else:
                attr = by_json[key]
                kwargs[attr] = self.walk(item, cls.openapi_types[attr], f"{where}.{key}")
        self.check_model(value, type_name, where)
        try:
            return cls(**kwargs)  # The model's setters reject missing required fields.
        except (ValueError, TypeError) as exc:
            self.error(where, f"{type_name}: {exc}")
            return value

    # Rules the models do not express, keyed by the model being walked.

    def check_model(self, value, type_name, where):
        check = getattr(self, f"check_{type_name}", None)
        if check:
            check(value, where)

    def check_labels(self, labels, where):
        for key, val in (labels or {}).items():
            self.check_key(key, where)
            if not isinstance(val, str) or len(val) > 63 or not LABEL_VALUE.match(val):
                self.error(f"{where}.{key}", f"invalid label value {val!r}")

    def check_key(self, key, where):
        prefix, _, name = key.rpartition("/")
        if (prefix and (len(prefix) > 253 or not DNS1123_SUBDOMAIN.match(prefix))) or \
                len(name) > 63 or not QUALIFIED_NAME.match(name):
            self.error(where, f"invalid label or annotation key {key!r}")

    def check_V1ObjectMeta(self, meta, where):
        name = meta.get("name")
        if isinstance(name, str) and (len(name) > 253 or not DNS1123_SUBDOMAIN.match(name)):
            self.error(f"{where}.name", f"invalid object name {name!r}")
        self.check_labels(meta.get("labels"), f"{where}.labels")
        for key in meta.get("annotations") or {}:
            self.check_key(key, f"{where}.annotations")

    def check_V1LabelSelector(self, selector, where):
        self.check_labels(selector.get("matchLabels"), f"{where}.matchLabels")

    def check_V1PodSpec(self, spec, where):
        declared = {v.get("name") for v in spec.get("volumes") or [] if isinstance(v, dict)}
        containers = (spec.get("containers") or []) + (spec.get("initContainers") or [])
        names = [c.get("name") for c in containers if isinstance(c, dict)]
        if len(names) != len(set(names)):
            self.error(where, f"duplicate container names {names}")
        for i, container in enumerate(c for c in containers if isinstance(c, dict)):
            for mount in container.get("volumeMounts") or []:
                if isinstance(mount, dict) and mount.get("name") not in declared:
                    self.error(f"{where}.containers[{i}]",
                               f"volumeMount {mount.get('name')!r} names no volume")

    def check_V1Container(self, container, where):
        port_names = []
        for port in container.get("ports") or []:
            name = port.get("name") if isinstance(port, dict) else None
            if name is not None:
                port_names.append(name)
                if len(str(name)) > 15 or not IANA_SVC_NAME.match(str(name)):
                    self.error(f"{where}.ports", f"invalid port name {name!r}")
        if len(port_names) != len(set(port_names)):
            self.error(f"{where}.ports", f"duplicate port names {port_names}")
        for env in container.get("env") or []:
            if isinstance(env, dict) and not ENV_NAME.match(str(env.get("name", ""))):
                self.error(f"{where}.env", f"invalid variable name {env.get('name')!r}")

    def check_V1ResourceRequirements(self, resources, where):
        parsed = {}
        for kind in ("requests", "limits"):
            for name, quantity in (resources.get(kind) or {}).items():
                parsed[kind, name] = parse_quantity(quantity)
                if parsed[kind, name] is None:
                    self.error(f"{where}.{kind}.{name}", f"invalid quantity {quantity!r}")
        for (kind, name), request in parsed.items():
            limit = parsed.get(("limits", name))
            if kind == "requests" and request is not None and limit is not None and request > limit:
                self.error(f"{where}.requests.{name}", "request exceeds the limit")

    def check_V1EmptyDirVolumeSource(self, source, where):
        size = source.get("sizeLimit")
        if size is not None and parse_quantity(size) is None:
            self.error(f"{where}.sizeLimit", f"invalid quantity {size!r}")

    def check_V1Probe(self, probe, where):
        handlers = [k for k in ("exec", "httpGet", "tcpSocket", "grpc") if probe.get(k)]
        if len(handlers) != 1:
            self.error(where, f"a probe needs exactly one handler, found {handlers}")
        port = (probe.get("grpc") or {}).get("port")
        if port is not None and not (isinstance(port, int) and 0 < port < 65536):
            self.error(f"{where}.grpc.port", f"grpc probes need a numeric port, got {port!r}")

    def check_V1Secret(self, secret, where):
        for key, encoded in (secret.get("data") or {}).items():
            try:
                base64.b64decode(str(encoded), validate=True)
            except binascii.Error:
                self.error(f"{where}.data.{key}", "value is not base64")

    def check_V1Service(self, service, where):
        name = (service.get("metadata") or {}).get("name", "")
        if len(name) > 63 or not DNS1035_LABEL.match(name):
            self.error(f"{where}.metadata.name", f"Service names must be DNS-1035 labels: {name!r}")

    def check_workload(self, obj, where):
        spec = obj.get("spec") or {}
        selector = (spec.get("selector") or {}).get("matchLabels") or {}
        template = ((spec.get("template") or {}).get("metadata") or {}).get("labels") or {}
        missing = {k: v for k, v in selector.items() if template.get(k) != v}
        if missing:
            self.error(f"{where}.spec.selector", f"does not match the pod template: {missing}")

    check_V1Deployment = check_workload
    check_V1StatefulSet = check_workload
    check_V1DaemonSet = check_workload

    # Objects.

    def validate_object(self, obj, where):
        if not isinstance(obj, dict):
            self.error(where, "a document must be a mapping")
            return
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        name = (obj.get("metadata") or {}).get("name")
        where = f"{where} {kind}/{name}"
        if not api_version or not kind or not name:
            self.error(where, "apiVersion, kind and metadata.name are required")
            return
        type_name = CUSTOM_KINDS.get((api_version, kind)) or MODEL_ALIASES.get((api_version, kind))
        if type_name is None:
            version = api_version.rpartition("/")[2]
            type_name = version[:1].upper() + version[1:] + kind
            if not hasattr(models, type_name):
                self.error(where, f"{api_version} {kind} is not a known API type")
                return
        self.walk(obj, type_name, where)


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    validator = Validator()
    count = 0
    seen = set()
    for path in paths:
        with open(path, encoding="utf-8") as stream:
            try:
                documents = list(yaml.safe_load_all(stream))
            except yaml.YAMLError as exc:
                validator.error(path, f"not valid YAML: {exc}")
                continue
        for index, obj in enumerate(d for d in documents if d is not None):
            validator.validate_object(obj, f"{path}#{index}")
            if isinstance(obj, dict):
                meta = obj.get("metadata") or {}
                identity = (obj.get("kind"), meta.get("namespace"), meta.get("name"))
                if identity in seen:
                    validator.error(f"{path}#{index}", f"duplicate object {identity}")
                seen.add(identity)
            count += 1
    for error in validator.errors:
        print(f"  {error}", file=sys.stderr)
    print(f"validated {count} objects, {len(validator.errors)} errors")
    return 1 if validator.errors or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
