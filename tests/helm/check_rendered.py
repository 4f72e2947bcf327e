#!/usr/bin/python3
"""Asserts the frontdesk chart's promises on one "helm template" output.

Security of the server Deployment and the migration Job (non-root, read-only root filesystem,
no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, no service account
token, resources set, /tmp on an emptyDir), native gRPC probes, the config checksum, the
shutdown grace period, the migration hook wiring (a pre-install hook must not depend on objects
created after it) and the links between objects (Service, PodDisruptionBudget,
HorizontalPodAutoscaler, ServiceMonitor and NetworkPolicy select the server pods and name
ports that exist).

Usage: check_rendered.py FILE   exits 1 and lists every broken promise.
"""

import re
import sys

import yaml


class Checker:
    def __init__(self, objects):
        self.objects = objects
        self.failures = []
        self.count = 0

    def expect(self, condition, message):
        self.count += 1
        if not condition:
            self.failures.append(message)
        return condition

    def of_kind(self, kind):
        return [o for o in self.objects if o.get("kind") == kind]

    def hooks(self, obj):
        return (obj["metadata"].get("annotations") or {}).get("helm.sh/hook", "")

    def server_deployment(self):
        deployments = self.of_kind("Deployment")
        self.expect(len(deployments) == 1, f"expected one Deployment, found {len(deployments)}")
        return deployments[0] if deployments else None

    def migration_job(self):
        return next((j for j in self.of_kind("Job") if "pre-install" in self.hooks(j)), None)

    # Pod security, shared by the Deployment and the Job.

    def check_pod_security(self, name, pod):
        spec = pod["spec"]
        pod_ctx = spec.get("securityContext") or {}
        self.expect(spec.get("automountServiceAccountToken") is False,
                    f"{name}: automountServiceAccountToken must be false")
        for flag in ("hostNetwork", "hostPID", "hostIPC"):
            self.expect(not spec.get(flag), f"{name}: {flag} must be off")
        tmp_volumes = {v["name"] for v in spec.get("volumes") or [] if "emptyDir" in v}
        for container in spec.get("containers", []) + spec.get("initContainers", []):
            where = f"{name}/{container['name']}"
            ctx = {**pod_ctx, **(container.get("securityContext") or {})}
            self.expect(ctx.get("runAsNonRoot") is True, f"{where}: runAsNonRoot must be true")
            uid = ctx.get("runAsUser")
            self.expect(isinstance(uid, int) and uid > 0, f"{where}: needs a fixed non-root uid")
            self.expect(ctx.get("readOnlyRootFilesystem") is True,
                        f"{where}: readOnlyRootFilesystem must be true")
            self.expect(ctx.get("allowPrivilegeEscalation") is False,
                        f"{where}: allowPrivilegeEscalation must be false")
            self.expect(not ctx.get("privileged"), f"{where}: must not be privileged")
            caps = ctx.get("capabilities") or {}
            self.expect("ALL" in (caps.get("drop") or []), f"{where}: must drop ALL capabilities")
            self.expect(not caps.get("add"), f"{where}: must add no capabilities")
            self.expect((ctx.get("seccompProfile") or {}).get("type") == "RuntimeDefault",
                        f"{where}: seccompProfile must be RuntimeDefault")
            resources = container.get("resources") or {}
            requests, limits = resources.get("requests") or {}, resources.get("limits") or {}
            self.expect("cpu" in requests and "memory" in requests,
                        f"{where}: cpu and memory requests must be set")
            self.expect("memory" in limits, f"{where}: a memory limit must be set")
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts") or []}
            self.expect(mounts.get("/tmp") in tmp_volumes, f"{where}: /tmp must be an emptyDir")

    # The server.

    def check_deployment(self, deployment, configmap):
        pod = deployment["spec"]["template"]
        container = pod["spec"]["containers"][0]
        ports = {p["name"]: p["containerPort"] for p in container.get("ports") or []}
        self.expect({"grpc", "metrics"} <= set(ports), "server: ports grpc and metrics needed")
        self.expect("serve" in (container.get("args") or []), "server: must run 'serve'")
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            grpc = (container.get(probe) or {}).get("grpc")
            if self.expect(grpc is not None, f"server: {probe} must be a native grpc probe"):
                self.expect(grpc.get("port") == ports.get("grpc"),
                            f"server: {probe} must check the grpc port")
        checksum = (pod["metadata"].get("annotations") or {}).get("checksum/config", "")
        self.expect(re.fullmatch(r"[0-9a-f]{64}", checksum) is not None,
                    "server: pod template needs a checksum/config annotation")
        env_from = [e.get("configMapRef", {}).get("name") for e in container.get("envFrom") or []]
        self.expect(configmap is not None and configmap["metadata"]["name"] in env_from,
                    "server: environment must come from the chart's ConfigMap")
        if configmap is not None:
            grace = int(configmap["data"]["FRONTDESK_SHUTDOWN_GRACE_SECONDS"])
            self.expect(pod["spec"].get("terminationGracePeriodSeconds", 30) > grace,
                        "server: terminationGracePeriodSeconds must exceed the shutdown grace")
        self.check_password_ref("server", container, {})
        spread = pod["spec"].get("topologySpreadConstraints") or []
        affinity = pod["spec"].get("affinity") or {}
        self.expect(spread or affinity.get("podAntiAffinity"),
                    "server: pods need a topology spread or anti-affinity rule")

    def check_configmap(self, configmap):
        data = configmap["data"]
        self.expect(data.get("FRONTDESK_MIGRATE_ON_START") == "false",
                    "config: FRONTDESK_MIGRATE_ON_START must be \"false\"")
        url = data.get("FRONTDESK_DATABASE_URL", "")
        self.expect(re.fullmatch(r"mysql://[^:@/]+@[^:@/]+:\d+/[^/?]+", url) is not None,
                    f"config: database URL must be mysql://user@host:port/db, got {url!r}")
        self.expect("PASSWORD" not in " ".join(data), "config: no password in the ConfigMap")
        self.expect(data.get("FRONTDESK_LOG_LEVEL") in ("debug", "info", "warn", "error"),
                    "config: invalid log level")

    def check_password_ref(self, name, container, hook_secrets):
        env = {e["name"]: e for e in container.get("env") or []}
        ref = (env.get("FRONTDESK_DATABASE_PASSWORD") or {}).get("valueFrom", {})
        ref = ref.get("secretKeyRef")
        if not self.expect(ref is not None, f"{name}: password must come from a secretKeyRef"):
            return
        secrets = {s["metadata"]["name"]: s for s in self.of_kind("Secret")}
        secret = secrets.get(ref["name"])
        if secret is not None:  # Rendered by the chart; otherwise an existing Secret.
            self.expect(ref["key"] in (secret.get("data") or {}),
                        f"{name}: key {ref['key']} missing from Secret {ref['name']}")
            is_hook = "pre-install" in self.hooks(secret)
            self.expect(is_hook == bool(hook_secrets),
                        f"{name}: uses Secret {ref['name']} created at the wrong time")

    # The migration hook.

    def check_job(self, job, configmap):
        annotations = job["metadata"].get("annotations") or {}
        hooks = set(annotations.get("helm.sh/hook", "").split(","))
        self.expect({"pre-install", "pre-upgrade"} <= hooks,
                    "migration: must be a pre-install,pre-upgrade hook")
        policy = set(annotations.get("helm.sh/hook-delete-policy", "").split(","))
        self.expect({"before-hook-creation", "hook-succeeded"} <= policy,
                    "migration: needs hook-delete-policy before-hook-creation,hook-succeeded")
        self.expect(isinstance(job["spec"].get("backoffLimit"), int),
                    "migration: backoffLimit must be set")
        spec = job["spec"]["template"]["spec"]
        self.expect(spec.get("restartPolicy") == "Never", "migration: restartPolicy Never")
        container = spec["containers"][0]
        self.expect(container.get("args") == ["migrate"], "migration: must run 'migrate'")
        # A pre-install hook runs before the release's ordinary objects exist.
        self.expect(not container.get("envFrom"), "migration: must not read the ConfigMap")
        regular_accounts = {a["metadata"]["name"] for a in self.of_kind("ServiceAccount")}
        self.expect(spec.get("serviceAccountName") not in regular_accounts,
                    "migration: must not use a ServiceAccount created after it")
        hook_secrets = {s["metadata"]["name"] for s in self.of_kind("Secret")
                        if "pre-install" in self.hooks(s)}
        self.check_password_ref("migration", container, hook_secrets)
        if configmap is not None:
            env = {e["name"]: e.get("value") for e in container.get("env") or []}
            self.expect(env.get("FRONTDESK_DATABASE_URL") ==
                        configmap["data"]["FRONTDESK_DATABASE_URL"],
                        "migration: must use the server's database URL")

    # Links between objects.

    def check_links(self, deployment, job):
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        job_labels = job["spec"]["template"]["metadata"]["labels"] if job else {}
        container_ports = {p["name"] for p in
                           deployment["spec"]["template"]["spec"]["containers"][0]["ports"]}

        def selects(selector, labels):
            return bool(selector) and all(labels.get(k) == v for k, v in selector.items())

        services = self.of_kind("Service")
        self.expect(services, "a Service is required")
        for service in services:
            name = service["metadata"]["name"]
            selector = service["spec"].get("selector") or {}
            self.expect(selects(selector, pod_labels), f"Service {name}: must select the pods")
            self.expect(not selects(selector, job_labels),
                        f"Service {name}: must not select migration pods")
            for port in service["spec"]["ports"]:
                self.expect(port.get("targetPort") in container_ports,
                            f"Service {name}: targetPort {port.get('targetPort')} is unknown")
                if port["name"] == "grpc":
                    self.expect(port.get("appProtocol") == "grpc",
                                f"Service {name}: grpc port needs appProtocol grpc")

        hpas = self.of_kind("HorizontalPodAutoscaler")
        for hpa in hpas:
            self.expect(hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"],
                        "HPA must scale the Deployment")
            self.expect("replicas" not in deployment["spec"],
                        "with an HPA the Deployment must leave replicas unset")
        replicas = hpas[0]["spec"]["minReplicas"] if hpas else deployment["spec"].get("replicas", 1)
        pdbs = self.of_kind("PodDisruptionBudget")
        if replicas > 1:
            self.expect(len(pdbs) == 1, f"{replicas} pods need a PodDisruptionBudget")
        else:
            self.expect(not pdbs, "a single pod must have no PodDisruptionBudget")
        for pdb in pdbs:
            self.expect(selects(pdb["spec"]["selector"]["matchLabels"], pod_labels),
                        "PodDisruptionBudget must select the pods")

        service_ports = {p["name"] for s in services for p in s["spec"]["ports"]}
        for monitor in self.of_kind("ServiceMonitor"):
            selector = monitor["spec"]["selector"]["matchLabels"]
            self.expect(any(selects(selector, s["metadata"]["labels"]) for s in services),
                        "ServiceMonitor must select the Service")
            for endpoint in monitor["spec"]["endpoints"]:
                self.expect(endpoint.get("port") in service_ports,
                            f"ServiceMonitor port {endpoint.get('port')} is unknown")
        for policy in self.of_kind("NetworkPolicy"):
            self.expect(selects(policy["spec"]["podSelector"]["matchLabels"], pod_labels),
                        "NetworkPolicy must select the pods")
            for rule in policy["spec"].get("ingress") or []:
                for port in rule.get("ports") or []:
                    self.expect(port.get("port") in container_ports,
                                f"NetworkPolicy port {port.get('port')} is unknown")

    def run(self):
        deployment = self.server_deployment()
        if deployment is None:
            return
        configmaps = self.of_kind("ConfigMap")
        configmap = configmaps[0] if len(configmaps) == 1 else None
        self.expect(configmap is not None, "expected exactly one ConfigMap")
        if configmap is not None:
            self.check_configmap(configmap)
        self.check_pod_security("server", deployment["spec"]["template"])
        self.check_deployment(deployment, configmap)
        job = self.migration_job()
        if job is not None:
            self.check_pod_security("migration", job["spec"]["template"])
            self.check_job(job, configmap)
        self.check_links(deployment, job)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as stream:
        objects = [o for o in yaml.safe_load_all(stream) if o]
    checker = Checker(objects)
    checker.run()
    for failure in checker.failures:
        print(f"  {failure}", file=sys.stderr)
    print(f"{checker.count} assertions, {len(checker.failures)} failed")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
