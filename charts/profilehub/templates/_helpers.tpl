{{/* Resource names and labels. */}}
{{- define "profilehub.name" -}}
{{- default .Chart.Name .Values.nameOverride -}}
{{- end -}}

{{- define "profilehub.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride -}}
{{- end -}}

{{- define "profilehub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "profilehub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "profilehub.labels" -}}
{{ include "profilehub.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{- define "profilehub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "profilehub.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
SQLite is a file on one volume: one writer process. The chart refuses any layout that would give it two
(several replicas, an autoscaler) or lose it (no persistent volume).
*/}}
{{- define "profilehub.validate" -}}
{{- if eq .Values.storage.provider "sqlite" -}}
{{- if gt .Values.replicaCount 1 -}}
{{- fail "storage.provider=sqlite supports exactly one replica: set replicaCount=1 or use storage.provider=sqlserver" -}}
{{- end -}}
{{- if .Values.autoscaling.enabled -}}
{{- fail "storage.provider=sqlite cannot autoscale: set autoscaling.enabled=false or use storage.provider=sqlserver" -}}
{{- end -}}
{{- if not .Values.persistence.enabled -}}
{{- fail "storage.provider=sqlite needs persistence.enabled=true (a PVC for /data)" -}}
{{- end -}}
{{- else if eq .Values.storage.provider "sqlserver" -}}
{{- $secret := required "storage.sqlserver.existingSecret is required with storage.provider=sqlserver" .Values.storage.sqlserver.existingSecret -}}
{{- else -}}
{{- fail "storage.provider must be sqlite or sqlserver" -}}
{{- end -}}
{{- end -}}
