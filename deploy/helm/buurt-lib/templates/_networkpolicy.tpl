{{/*
Only what the service needs: in from the pods named in networkPolicy.allowFrom (the gateway),
Prometheus and helm tests; out to DNS, its database, the broker, Redis (each only when it uses it)
and the Buurt services in networkPolicy.allowTo. An empty peer list in global.networkPolicy means
"any address on that port" (a managed service outside the cluster); name the operator's pods there.
*/}}
{{- define "buurt.egressRule" -}}
- ports:
    - {port: {{ .port }}, protocol: TCP}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "buurt.networkPolicy" -}}
{{- if .Values.global.networkPolicy.enabled }}
{{- $np := .Values.global.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "buurt.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - ports:
        - {port: 8080, protocol: TCP}
      {{- if not .Values.networkPolicy.allowFromAnywhere }}
      from:
        {{- range .Values.networkPolicy.allowFrom }}
        - podSelector: {matchLabels: {app.kubernetes.io/name: {{ . }}}}
        {{- end }}
        - podSelector: {matchLabels: {app.kubernetes.io/component: test, app.kubernetes.io/part-of: buurt}}
        {{- with $np.prometheus }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    {{- with .Values.service.managementPort }}
    # Health and metrics: scrapes and helm tests only (kubelet probes are not subject to policies).
    - ports:
        - {port: {{ . }}, protocol: TCP}
      from:
        - podSelector: {matchLabels: {app.kubernetes.io/component: test, app.kubernetes.io/part-of: buurt}}
        {{- with $np.prometheus }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    {{- end }}
    {{- if .Values.global.dapr.enabled }}
    # Dapr sidecars call each other on 50002 (mTLS).
    - ports:
        - {port: 50002, protocol: TCP}
      from:
        - podSelector: {matchLabels: {app.kubernetes.io/part-of: buurt}}
    {{- end }}
  egress:
    - ports:
        - {port: 53, protocol: UDP}
        - {port: 53, protocol: TCP}
      {{- with $np.dns }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- with .Values.database }}
    {{- if .enabled }}
    {{- include "buurt.egressRule" (dict "port" .port "to" $np.postgres) | nindent 4 }}
    {{- end }}
    {{- end }}
    {{- if .Values.rabbitmq.enabled }}
    {{- include "buurt.egressRule" (dict "port" .Values.global.rabbitmq.port "to" $np.rabbitmq) | nindent 4 }}
    {{- end }}
    {{- if .Values.redis.enabled }}
    {{- include "buurt.egressRule" (dict "port" .Values.global.redis.port "to" $np.redis) | nindent 4 }}
    {{- end }}
    {{- with .Values.networkPolicy.allowTo }}
    - ports:
        - {port: 8080, protocol: TCP}
      to:
        {{- range . }}
        - podSelector: {matchLabels: {app.kubernetes.io/name: {{ . }}}}
        {{- end }}
    {{- end }}
    {{- if .Values.global.dapr.enabled }}
    # The sidecar: other sidecars (50002) and Dapr's control plane (sentry, placement, operator).
    - ports:
        - {port: 50002, protocol: TCP}
      to:
        - podSelector: {matchLabels: {app.kubernetes.io/part-of: buurt}}
    - to:
        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: {{ .Values.global.dapr.namespace }}}}
    {{- end }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
{{- end -}}

{{- define "buurt.serviceMonitor" -}}
{{- if .Values.global.monitoring.serviceMonitor }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
    {{- with .Values.global.monitoring.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # job="budget", the name the dashboards and alerts use.
  jobLabel: app.kubernetes.io/name
  selector:
    matchLabels:
      {{- include "buurt.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: {{ include "buurt.healthPort" . }}
      path: /metrics
      interval: {{ .Values.global.monitoring.interval }}
{{- end }}
{{- end -}}
