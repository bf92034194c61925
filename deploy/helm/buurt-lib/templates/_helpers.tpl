{{/*
Names and labels. A Buurt chart's resources are named after the chart ("budget"), not the release:
the gateway and the other services find each other by these names. nameOverride changes it.
*/}}
{{- define "buurt.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "buurt.selectorLabels" -}}
app.kubernetes.io/name: {{ include "buurt.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "buurt.labels" -}}
{{ include "buurt.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: buurt
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* <registry>/<repository>:<tag>; the tag is the chart's appVersion unless set (Directory.Build.props' Version). */}}
{{- define "buurt.image" -}}
{{- $registry := .Values.global.imageRegistry -}}
{{- $reference := printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- if $registry }}{{ printf "%s/%s" (trimSuffix "/" $registry) $reference }}{{ else }}{{ $reference }}{{ end -}}
{{- end -}}

{{/* In-cluster address of a Buurt service by name: http://identity:8080 (pods listen on 8080). */}}
{{- define "buurt.serviceAddress" -}}
http://{{ .name }}.{{ .namespace }}.svc.cluster.local:8080
{{- end -}}

{{/* Pod security: non-root (the image's user 1654), no privilege escalation, read-only root, no capabilities. */}}
{{- define "buurt.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext -}}
{{- end -}}

{{- define "buurt.containerSecurityContext" -}}
{{- toYaml .Values.containerSecurityContext -}}
{{- end -}}

{{/* What `helm install` prints for a Buurt service or the gateway (each chart's templates/NOTES.txt). */}}
{{- define "buurt.notes" -}}
{{ include "buurt.name" . }} {{ .Chart.AppVersion }} is installed in namespace {{ .Release.Namespace }}.

  Rolled out?  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ include "buurt.name" . }}
  Healthy?     helm test {{ .Release.Name }} -n {{ .Release.Namespace }}
  Logs:        kubectl -n {{ .Release.Namespace }} logs -l app.kubernetes.io/name={{ include "buurt.name" . }} --tail=100
{{- with .Values.database }}{{ if .enabled }}
  Database:    {{ .name }} on {{ .host }} (migrated by the pre-install/pre-upgrade Job)
{{- end }}{{ end }}
  Public:      {{ .Values.global.publicUrl }} (through the gateway)

Operating it: docs/operations.md (runbooks per alert, backups, secrets).
{{- end -}}
