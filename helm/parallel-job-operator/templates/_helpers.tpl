{{/* The release's full name, at most 63 characters. */}}
{{- define "pjo.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pjo.serviceAccountName" -}}
{{- default (include "pjo.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "pjo.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pjo.labels" -}}
{{ include "pjo.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/*
The operator's permissions: exactly the calls the code makes (RbacTest records them against the
mock API server and compares them with this list). paralleljobs/finalizers is not a call: the API
server requires it to set blockOwnerDeletion on the owner references of worker pods.
*/}}
{{- define "pjo.rules" -}}
- apiGroups: [paralleljob.io]
  resources: [paralleljobs]
  verbs: [list, watch, patch, delete]
- apiGroups: [paralleljob.io]
  resources: [paralleljobs/status]
  verbs: [update]
- apiGroups: [paralleljob.io]
  resources: [paralleljobs/finalizers]
  verbs: [update]
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch, create, patch, delete, deletecollection]
- apiGroups: [""]
  resources: [pods/log]
  verbs: [get]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [list, watch, create]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
{{- end -}}
