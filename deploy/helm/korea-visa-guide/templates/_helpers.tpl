{{- define "kvg.name" -}}{{ .Release.Name }}-kvg{{- end -}}
{{- define "kvg.labels" -}}
app.kubernetes.io/name: korea-visa-guide
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
{{- define "kvg.selector" -}}
app.kubernetes.io/name: korea-visa-guide
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "kvg.secretName" -}}{{ .Values.secrets.existingSecret | default (printf "%s-secrets" (include "kvg.name" .)) }}{{- end -}}
{{- define "kvg.postgresHost" -}}{{ .Values.externalDatabase.host }}{{- end -}}
{{- define "kvg.redisHost" -}}{{ .Values.externalRedis.host }}{{- end -}}
{{/* the environment of Rasa and the actions: addresses only; secrets are files from the Secret volume */}}
{{- define "kvg.appEnv" -}}
- {name: POSTGRES_HOST, value: {{ include "kvg.postgresHost" . | quote }}}
- {name: POSTGRES_PORT, value: {{ .Values.externalDatabase.port | quote }}}
- {name: POSTGRES_USER, value: {{ .Values.externalDatabase.user | quote }}}
- {name: REDIS_HOST, value: {{ include "kvg.redisHost" . | quote }}}
- {name: REDIS_PORT, value: {{ .Values.externalRedis.port | quote }}}
- {name: ACTION_SERVER_URL, value: "http://{{ include "kvg.name" . }}-nginx-internal:5054/webhook"}
- {name: CORS_ORIGINS, value: {{ .Values.publicUrl | quote }}}
- {name: ACTION_TIMEOUT, value: {{ .Values.rasa.actionTimeout | quote }}}
- {name: SECRETS_DIR, value: /run/secrets}
{{- end -}}
{{- define "kvg.secretVolume" -}}
- name: secrets
  secret:
    secretName: {{ include "kvg.secretName" . }}
    defaultMode: 0440
{{- end -}}
{{- define "kvg.podSecurity" -}}
securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
  seccompProfile: {type: RuntimeDefault}
{{- end -}}
{{- define "kvg.containerSecurity" -}}
securityContext:
  allowPrivilegeEscalation: false
  capabilities: {drop: [ALL]}
{{- end -}}
