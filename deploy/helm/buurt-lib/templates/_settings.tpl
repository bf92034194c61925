{{/*
The service's configuration as environment variables (ASP.NET Core keys, "__" for ":").
"buurt.settings" is the non-secret part (a ConfigMap for the Deployment, inline for the hook Job,
which runs before the ConfigMap exists); "buurt.secretEnv" reads passwords from existing Secrets
and composes the connection strings from them; "buurt.env" is that plus the chart's extraEnv, for
every container that runs the service (the Deployment's and the migration Job's alike).
*/}}
{{- define "buurt.settings" -}}
{{- $ns := .Release.Namespace -}}
ASPNETCORE_ENVIRONMENT: Production
Auth__Issuer: {{ .Values.global.publicUrl | quote }}
Auth__Authority: {{ include "buurt.serviceAddress" (dict "name" .Values.global.identityService "namespace" $ns) | quote }}
{{- if .Values.database.enabled }}
# The hook Job migrated before these pods started.
Database__MigrateOnStart: {{ not .Values.migrations.enabled | quote }}
{{- end }}
{{- with .Values.service.managementPort }}
Management__Port: {{ . | quote }}
{{- end }}
{{- if .Values.global.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ .Values.global.otlpEndpoint | quote }}
{{- end }}
{{- range $key, $value := .Values.config }}
{{- $rendered := tpl ($value | toString) $ }}
{{- if $rendered }}
{{ $key }}: {{ $rendered | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "buurt.secretEnv" -}}
{{- if .Values.database.enabled }}
{{- with .Values.database }}
- name: DB_USERNAME
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .usernameKey | quote }}}}
- name: DB_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .passwordKey | quote }}}}
- name: ConnectionStrings__Database
  value: {{ printf "Host=%s;Port=%v;Database=%s;Username=$(DB_USERNAME);Password=$(DB_PASSWORD);SSL Mode=%s" .host .port .name .sslMode | quote }}
{{- end }}
{{- end }}
{{- if .Values.rabbitmq.enabled }}
{{- with .Values.global.rabbitmq }}
- name: RABBITMQ_USERNAME
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .usernameKey | quote }}}}
- name: RABBITMQ_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .passwordKey | quote }}}}
- name: ConnectionStrings__RabbitMq
  value: {{ printf "%s://$(RABBITMQ_USERNAME):$(RABBITMQ_PASSWORD)@%s:%v/%s" (ternary "amqps" "amqp" .tls) .host .port (ternary "" (.vhost | urlquery) (eq .vhost "/")) | quote }}
{{- end }}
{{- end }}
{{- if .Values.redis.enabled }}
{{- with .Values.global.redis }}
{{- if .existingSecret }}
- name: REDIS_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .passwordKey | quote }}}}
- name: ConnectionStrings__Redis
  value: {{ printf "%s:%v,password=$(REDIS_PASSWORD),ssl=%t,abortConnect=false" .host .port .tls | quote }}
{{- else }}
- name: ConnectionStrings__Redis
  value: {{ printf "%s:%v,ssl=%t,abortConnect=false" .host .port .tls | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- /* notifications only: Web Push's VAPID keys (its values.yaml "push"; other charts have none). */}}
{{- with index .Values "push" }}
{{- if .existingSecret }}
- name: Push__PublicKey
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .publicKeyKey | quote }}}}
- name: Push__PrivateKey
  valueFrom: {secretKeyRef: {name: {{ .existingSecret | quote }}, key: {{ .privateKeyKey | quote }}}}
{{- end }}
{{- end }}
{{- end -}}

{{- define "buurt.env" -}}
{{ include "buurt.secretEnv" . }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
