{{/*
Migrations run once, before new pods: a Job (pre-install, pre-upgrade hook) runs the same image
with Database__MigrateOnly=true, which applies the migrations and exits. The Deployment's pods then
start with Database__MigrateOnStart=false. The Job cannot use the chart's ConfigMap (hooks run
before it exists), so it gets the same settings inline, and the same secrets and extraEnv.
*/}}
{{- define "buurt.migrationJob" -}}
{{- if and .Values.database.enabled .Values.migrations.enabled }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "buurt.name" . }}-migrate
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
    app.kubernetes.io/component: migrations
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  {{- with .Values.migrations }}
  backoffLimit: {{ .backoffLimit }}
  activeDeadlineSeconds: {{ .activeDeadlineSeconds }}
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "buurt.labels" . | nindent 8 }}
        app.kubernetes.io/component: migrations
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      {{- with .Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "buurt.podSecurityContext" . | nindent 8 }}
      containers:
        - name: migrate
          image: {{ include "buurt.image" . | quote }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          securityContext:
            {{- include "buurt.containerSecurityContext" . | nindent 12 }}
          env:
            {{- range $key, $value := fromYaml (include "buurt.settings" .) }}
            - name: {{ $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
            - name: Database__MigrateOnly
              value: "true"
            {{- include "buurt.env" . | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: 64Mi}
{{- end }}
{{- end -}}

{{/* helm test: the service answers /health/ready (its database, broker and Redis are reachable). */}}
{{- define "buurt.test" -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "buurt.name" . }}-test-ready
  labels:
    # Not the service's own labels: its NetworkPolicy does not select this pod; it admits it.
    app.kubernetes.io/name: {{ include "buurt.name" . }}-test
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/part-of: buurt
    app.kubernetes.io/component: test
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  securityContext:
    runAsNonRoot: true
    runAsUser: 100
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: ready
      image: {{ .Values.global.testImage | quote }}
      args: ["--fail", "--silent", "--show-error", "--max-time", "10", "--retry", "5", "--retry-all-errors",
             {{ printf "http://%s.%s.svc.cluster.local:%v/health/ready" (include "buurt.name" .) .Release.Namespace (.Values.service.managementPort | default 8080) | quote }}]
      securityContext:
        {{- include "buurt.containerSecurityContext" . | nindent 8 }}
      resources:
        requests: {cpu: 10m, memory: 16Mi}
        limits: {cpu: 100m, memory: 64Mi}
{{- end -}}

{{/* Everything a Buurt service chart renders: one include in the chart's templates/. */}}
{{- define "buurt.app" -}}
{{- $parts := list "buurt.serviceAccount" "buurt.configMap" "buurt.deployment" "buurt.service" "buurt.hpa" "buurt.pdb" "buurt.networkPolicy" "buurt.serviceMonitor" "buurt.migrationJob" -}}
{{- range $parts }}
{{- $rendered := include . $ | trim }}
{{- if $rendered }}
---
{{ $rendered }}
{{- end }}
{{- end }}
{{- end -}}
