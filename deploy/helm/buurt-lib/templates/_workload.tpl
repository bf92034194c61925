{{/*
The port probes and scrapes use: "management" when the chart sets service.managementPort (the
gateway: /health and /metrics answer only there, never on the port the ingress sends to), else "http".
*/}}
{{- define "buurt.healthPort" -}}
{{ if .Values.service.managementPort }}management{{ else }}http{{ end }}
{{- end -}}

{{/* The container: image, port, configuration, probes on the health endpoints, resources, security. */}}
{{- define "buurt.container" -}}
- name: {{ include "buurt.name" . }}
  image: {{ include "buurt.image" . | quote }}
  imagePullPolicy: {{ .Values.image.pullPolicy }}
  securityContext:
    {{- include "buurt.containerSecurityContext" . | nindent 4 }}
  ports:
    - name: http
      containerPort: 8080
      protocol: TCP
    {{- with .Values.service.managementPort }}
    - name: management
      containerPort: {{ . }}
      protocol: TCP
    {{- end }}
  envFrom:
    - configMapRef:
        name: {{ include "buurt.name" . }}
  env:
    {{- include "buurt.env" . | nindent 4 }}
  # /health/live: the process only (a broker outage never restarts pods);
  # /health/ready: database, broker, Redis where used.
  startupProbe:
    httpGet: {path: /health/live, port: {{ include "buurt.healthPort" . }}}
    periodSeconds: 2
    failureThreshold: {{ .Values.probes.startupFailureThreshold }}
  livenessProbe:
    httpGet: {path: /health/live, port: {{ include "buurt.healthPort" . }}}
    periodSeconds: 10
    timeoutSeconds: 3
    failureThreshold: 3
  readinessProbe:
    httpGet: {path: /health/ready, port: {{ include "buurt.healthPort" . }}}
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 3
  {{- if .Values.terminationDelaySeconds }}
  lifecycle:
    # Keep serving while endpoints and the gateway's DNS view drop this pod (Kubernetes 1.30+).
    preStop:
      sleep:
        seconds: {{ .Values.terminationDelaySeconds }}
  {{- end }}
  resources:
    {{- toYaml .Values.resources | nindent 4 }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
{{- end -}}

{{- define "buurt.daprAnnotations" -}}
{{- if .Values.global.dapr.enabled }}
dapr.io/enabled: "true"
dapr.io/app-id: {{ include "buurt.name" . | quote }}
dapr.io/app-port: "8080"
dapr.io/app-protocol: http
dapr.io/enable-metrics: "true"
{{- with .Values.global.dapr.config }}
dapr.io/config: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "buurt.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
    app.kubernetes.io/component: server
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
  selector:
    matchLabels:
      {{- include "buurt.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: server
  template:
    metadata:
      labels:
        {{- include "buurt.labels" . | nindent 8 }}
        app.kubernetes.io/component: server
      annotations:
        checksum/config: {{ include "buurt.settings" . | sha256sum }}
        {{- include "buurt.daprAnnotations" . | nindent 8 }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "buurt.name" . }}
      automountServiceAccountToken: false
      {{- with .Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "buurt.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ add .Values.terminationDelaySeconds 30 }}
      containers:
        {{- include "buurt.container" . | nindent 8 }}
      volumes:
        - name: tmp
          emptyDir: {sizeLimit: 64Mi}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "buurt.selectorLabels" . | nindent 14 }}
              app.kubernetes.io/component: server
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{- define "buurt.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
spec:
  {{- if .Values.service.headless }}
  # Headless: DNS names every ready pod, so the gateway spreads requests over all of them.
  clusterIP: None
  {{- end }}
  selector:
    {{- include "buurt.selectorLabels" . | nindent 4 }}
    app.kubernetes.io/component: server
  ports:
    - name: http
      port: 8080
      targetPort: http
      protocol: TCP
    {{- with .Values.service.managementPort }}
    # For the ServiceMonitor and helm test; the ingress only ever names "http".
    - name: management
      port: {{ . }}
      targetPort: management
      protocol: TCP
    {{- end }}
{{- end -}}

{{- define "buurt.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{- define "buurt.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
data:
  {{- include "buurt.settings" . | nindent 2 }}
{{- end -}}

{{- define "buurt.hpa" -}}
{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "buurt.name" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}

{{- define "buurt.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "buurt.name" . }}
  labels:
    {{- include "buurt.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "buurt.selectorLabels" . | nindent 6 }}
      app.kubernetes.io/component: server
{{- end }}
{{- end -}}
