{{/*
Names, labels and shared fragments of the frontdesk chart.
*/}}

{{/* Chart name, unless nameOverride replaces it; 63 characters at most (DNS label). */}}
{{- define "frontdesk.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Prefix of every object name. The release name alone when it already contains the chart name,
so "helm install frontdesk ./frontdesk" yields "frontdesk" rather than "frontdesk-frontdesk".
Kept to 52 characters so suffixes such as "-migrate" and "-headless" still fit in 63.
*/}}
{{- define "frontdesk.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "frontdesk.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Chart name and version for the helm.sh/chart label. */}}
{{- define "frontdesk.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select this release's pods; stable across upgrades (selectors are immutable). */}}
{{- define "frontdesk.selectorLabels" -}}
app.kubernetes.io/name: {{ include "frontdesk.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector of the server pods: the component label keeps migration pods out of the Service. */}}
{{- define "frontdesk.serverSelectorLabels" -}}
{{ include "frontdesk.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end -}}

{{/* Labels of every object. */}}
{{- define "frontdesk.labels" -}}
helm.sh/chart: {{ include "frontdesk.chart" . }}
{{ include "frontdesk.selectorLabels" . }}
app.kubernetes.io/version: {{ include "frontdesk.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/part-of: frontdesk
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of the server objects (Deployment, Service, ConfigMap, ...). */}}
{{- define "frontdesk.serverLabels" -}}
{{ include "frontdesk.labels" . }}
app.kubernetes.io/component: server
{{- end -}}

{{/* Labels of the migration hook objects. */}}
{{- define "frontdesk.migrationLabels" -}}
{{ include "frontdesk.labels" . }}
app.kubernetes.io/component: migration
{{- end -}}

{{/* commonAnnotations as a YAML map, or nothing. */}}
{{- define "frontdesk.commonAnnotations" -}}
{{- with .Values.commonAnnotations }}
{{- toYaml . }}
{{- end }}
{{- end -}}

{{/* Image tag: image.tag, or the chart appVersion. */}}
{{- define "frontdesk.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{/* Full image reference; a digest wins over the tag. */}}
{{- define "frontdesk.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (include "frontdesk.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/* Service account of the server pods. */}}
{{- define "frontdesk.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "frontdesk.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Service account of the migration pod. A pre-install hook runs before the chart's own objects
exist, so it may only use an account that is already there.
*/}}
{{- define "frontdesk.migrationServiceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default "default" .Values.migration.serviceAccountName -}}
{{- else -}}
{{- include "frontdesk.serviceAccountName" . -}}
{{- end -}}
{{- end -}}

{{/* Secret and key holding the database password. */}}
{{- define "frontdesk.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- printf "%s-database" (include "frontdesk.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "frontdesk.databaseSecretKey" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecretPasswordKey -}}
{{- else -}}
{{- print "password" -}}
{{- end -}}
{{- end -}}

{{/* Replica count in effect, for the PodDisruptionBudget decision. */}}
{{- define "frontdesk.effectiveMinReplicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas -}}
{{- else -}}
{{- .Values.replicaCount -}}
{{- end -}}
{{- end -}}

{{/*
Checks that the schema cannot express. Each failure names the value to set and why.
Included by every template that depends on these values, so any render stops early.
*/}}
{{- define "frontdesk.validate" -}}
{{- $db := .Values.database -}}
{{- if not $db.host -}}
{{- fail "\n\nfrontdesk: database.host is required. frontdeskd needs an external MySQL server; set it with\n  --set database.host=mysql.example.svc.cluster.local\n" -}}
{{- end -}}
{{- if and (not $db.existingSecret) (not $db.password) -}}
{{- fail "\n\nfrontdesk: a database password is required. Prefer an existing Secret:\n  kubectl create secret generic frontdesk-db --from-literal=password=...\n  --set database.existingSecret=frontdesk-db\nor let the chart create one with --set database.password=...\n" -}}
{{- end -}}
{{- if le (int .Values.terminationGracePeriodSeconds) (int .Values.config.shutdownGraceSeconds) -}}
{{- fail (printf "\n\nfrontdesk: terminationGracePeriodSeconds (%d) must be greater than config.shutdownGraceSeconds (%d), or Kubernetes kills frontdeskd before in-flight calls finish.\n" (int .Values.terminationGracePeriodSeconds) (int .Values.config.shutdownGraceSeconds)) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) -}}
{{- fail "\n\nfrontdesk: autoscaling.minReplicas must not exceed autoscaling.maxReplicas.\n" -}}
{{- end -}}
{{- end -}}

{{/* Database URL; it never carries the password, which comes from the Secret. */}}
{{- define "frontdesk.databaseUrl" -}}
{{- $db := .Values.database -}}
{{- printf "mysql://%s@%s:%d/%s" $db.user $db.host (int $db.port) $db.name -}}
{{- end -}}

{{/*
Non-secret frontdeskd settings as a YAML map of environment variables. The ConfigMap holds
them for the server; the migration Job inlines them, because pre-install hooks run before the
ConfigMap exists.
*/}}
{{- define "frontdesk.configEnv" -}}
FRONTDESK_LISTEN_ADDRESS: {{ printf "%s:%d" .Values.config.bindAddress (int .Values.service.grpcPort) | quote }}
FRONTDESK_METRICS_ADDRESS: {{ printf "%s:%d" .Values.config.bindAddress (int .Values.service.metricsPort) | quote }}
FRONTDESK_DATABASE_URL: {{ include "frontdesk.databaseUrl" . | quote }}
FRONTDESK_LOG_LEVEL: {{ .Values.config.logLevel | quote }}
FRONTDESK_MIGRATE_ON_START: "false"
FRONTDESK_SHUTDOWN_GRACE_SECONDS: {{ .Values.config.shutdownGraceSeconds | int | toString | quote }}
FRONTDESK_METRICS_SERVICES: {{ join "," .Values.config.metricsServices | quote }}
FRONTDESK_METRICS_DEPARTMENTS: {{ join "," .Values.config.metricsDepartments | quote }}
{{- end -}}

{{/* Volume mounted at /tmp in every container, since the root filesystem is read-only. */}}
{{- define "frontdesk.tmpVolume" -}}
- name: tmp
  emptyDir:
    {{- with .Values.tmpVolume.sizeLimit }}
    sizeLimit: {{ . | quote }}
    {{- end }}
{{- end -}}

{{/* A native gRPC probe; call with (dict "probe" <values> "port" <int>). */}}
{{- define "frontdesk.grpcProbe" -}}
grpc:
  port: {{ .port }}
  {{- with .probe.service }}
  service: {{ . | quote }}
  {{- end }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- with .probe.successThreshold }}
successThreshold: {{ . }}
{{- end }}
{{- end -}}
