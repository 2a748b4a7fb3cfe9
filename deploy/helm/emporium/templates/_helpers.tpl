{{/* The release's name for its objects, within Kubernetes' 63 characters. */}}
{{- define "emporium.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "emporium.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* What selects one component's pods: pass (dict "root" $ "component" "command-api"). */}}
{{- define "emporium.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "emporium.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end -}}

{{- define "emporium.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "emporium.fullname" .)) -}}
{{- end -}}

{{/* The URL of the Ingress, for PUBLIC_URL when none is given. */}}
{{- define "emporium.publicUrl" -}}
{{- if .Values.shop.publicUrl -}}
{{ .Values.shop.publicUrl }}
{{- else if .Values.ingress.enabled -}}
{{ if .Values.ingress.tls }}https{{ else }}http{{ end }}://{{ .Values.ingress.host }}
{{- end -}}
{{- end -}}

{{/* Who an Emporium pod runs as: the image's `node` account, nothing to escalate to. */}}
{{- define "emporium.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1000
runAsGroup: 1000
fsGroup: 1000
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "emporium.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/*
The secret keys each role is given, and no others (README, "Deploying"): the relay reads no
personal data, so it never holds the master key; only the APIs hold the token signing key. Every
role of the distributed profile is given the three stores' addresses, which its configuration
checks at start.
*/}}
{{- define "emporium.secretKeysOf" -}}
{{- $stores := list "DATABASE_URL" "EVENTSTORE_URL" "MONGO_URL" -}}
{{- $keys := dict
  "all" (list "EMPORIUM_MASTER_KEY" "PAYMENT_WEBHOOK_SECRET" "SHIPPING_WEBHOOK_SECRET" "EMPORIUM_ADMIN_PASSWORD" "SMTP_URL" "TWILIO_AUTH_TOKEN")
  "command-api" (concat $stores (list "EMPORIUM_MASTER_KEY" "PAYMENT_WEBHOOK_SECRET" "SHIPPING_WEBHOOK_SECRET" "EMPORIUM_ADMIN_PASSWORD"))
  "query-api" (concat $stores (list "EMPORIUM_MASTER_KEY"))
  "projector" (concat $stores (list "EMPORIUM_MASTER_KEY"))
  "relay" $stores
  "order-service" (concat $stores (list "EMPORIUM_MASTER_KEY" "PAYMENT_WEBHOOK_SECRET"))
  "notification-service" (concat $stores (list "EMPORIUM_MASTER_KEY" "SMTP_URL" "TWILIO_AUTH_TOKEN"))
-}}
{{- toJson (get $keys .) -}}
{{- end -}}

{{/* Secret keys a role may go without: the mail catcher stands in for SMTP, the SMS sandbox for Twilio. */}}
{{- define "emporium.optionalSecretKeys" -}}
{{- toJson (list "SMTP_URL" "TWILIO_AUTH_TOKEN") -}}
{{- end -}}

{{/*
The payment gateway a role calls, if it calls one: the order service (or the one pod of the
embedded profile, when a real gateway is configured; otherwise its sandbox runs in process).
*/}}
{{- define "emporium.paymentGatewayUrl" -}}
{{- $root := .root -}}
{{- if $root.Values.external.paymentGateway.url -}}
{{- if or (eq .role "order-service") (eq .role "all") }}{{ $root.Values.external.paymentGateway.url }}{{ end -}}
{{- else if eq .role "order-service" -}}
http://{{ include "emporium.fullname" $root }}-sandbox-gateway:4100
{{- end -}}
{{- end -}}

{{/*
The environment of an Emporium container: the ConfigMap, then each secret key of its role.
Pass (dict "root" $ "role" "command-api").
*/}}
{{- define "emporium.env" -}}
{{- $root := .root -}}
envFrom:
  - configMapRef:
      name: {{ include "emporium.fullname" $root }}-config
env:
  {{- $optional := include "emporium.optionalSecretKeys" $root | fromJsonArray }}
  {{- range (include "emporium.secretKeysOf" .role | fromJsonArray) }}
  - name: {{ . }}
    valueFrom:
      secretKeyRef:
        name: {{ include "emporium.secretName" $root }}
        key: {{ . }}
        {{- if has . $optional }}
        optional: true
        {{- end }}
  {{- end }}
  {{- if or (eq .role "command-api") (eq .role "all") }}
  # The first admin, made at start if missing: by the one role that takes sign-ups.
  - name: EMPORIUM_ADMIN_EMAIL
    value: {{ $root.Values.shop.adminEmail | quote }}
  {{- end }}
  {{- if or (eq .role "command-api") (eq .role "query-api") (eq .role "all") }}
  - name: JWT_SIGNING_KEY_FILE
    value: /secrets/jwt-signing-key.pem
  {{- end }}
  {{- with (include "emporium.paymentGatewayUrl" .) }}
  - name: PAYMENT_GATEWAY_URL
    value: {{ . | quote }}
  - name: PAYMENT_GATEWAY_API_KEY
    valueFrom:
      secretKeyRef:
        name: {{ include "emporium.secretName" $root }}
        key: PAYMENT_GATEWAY_API_KEY
  {{- end }}
{{- end -}}

{{/* Where a role holding the signing key finds it: a file, readable by the app alone. */}}
{{- define "emporium.signingKeyVolume" -}}
- name: signing-key
  secret:
    secretName: {{ include "emporium.secretName" . }}
    defaultMode: 0400
    items:
      - key: jwt-signing-key.pem
        path: jwt-signing-key.pem
{{- end -}}

{{- define "emporium.probes" -}}
# Up while the process answers; restarted if it stops answering.
livenessProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
# Sent work (or counted available in a rollout) once its database answers and, for a
# follower, once it has caught up with the log.
readinessProbe:
  httpGet: { path: /health/ready, port: http }
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 2
# Starting includes migrating and catching up; liveness waits for it.
startupProbe:
  httpGet: { path: /health/live, port: http }
  periodSeconds: 2
  failureThreshold: 90
{{- end -}}

{{- define "emporium.podAnnotations" -}}
{{- if .Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: "3000"
prometheus.io/path: /metrics
{{- end }}
# A change of configuration or secrets rolls the pods.
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secrets: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "emporium.scheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
