{{- define "monitoring.labels" -}}
app.kubernetes.io/name: buurt-monitoring
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: buurt
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.global.monitoring.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}
