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
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
fsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "buurt.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}
