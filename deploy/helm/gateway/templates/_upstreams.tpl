{{/*
Where the gateway sends a service's requests. Without Dapr: the service's headless Service name,
which the gateway resolves to every ready pod. With Dapr: the local sidecar's service invocation
(mTLS to the service's sidecar), e.g. http://127.0.0.1:3500/v1.0/invoke/budget.buurt/method/.
*/}}
{{- define "gateway.upstream" -}}
{{- if .root.Values.global.dapr.enabled -}}
http://127.0.0.1:3500/v1.0/invoke/{{ .name }}.{{ .root.Release.Namespace }}/method/
{{- else -}}
{{ include "buurt.serviceAddress" (dict "name" .name "namespace" .root.Release.Namespace) }}/
{{- end -}}
{{- end -}}
