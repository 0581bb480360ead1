{{/* Chart name, overridable. */}}
{{- define "parley-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects: the release name when it already contains the chart name. */}}
{{- define "parley-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "parley-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object of the release. */}}
{{- define "parley-operator.labels" -}}
helm.sh/chart: {{ include "parley-operator.chart" . }}
{{ include "parley-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: parley
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The operator pod's selector; never change it, Deployment selectors are immutable. */}}
{{- define "parley-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "parley-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "parley-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "parley-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
What the operator does inside the namespaces it watches, derived from its reconciler:
- ImClusters: watched; the finalizer (claims cleanup) is patched onto them; status is patched.
- Secret, ConfigMap, Services, PodDisruptionBudget and the Strimzi objects: read, created and
  updated (server-side apply is a patch) by name; deletion is left to owner references.
- Deployments and StatefulSets: also watched (an informer feeds their readiness into the status).
- Events: created, one per rolling restart the operator causes.
- PersistentVolumeClaims: listed and deleted by label (a collection delete) when an ImCluster with
  deleteClaim: true is deleted.
*/}}
{{- define "parley-operator.namespacedRules" -}}
- apiGroups: ["parley.dev"]
  resources: ["imclusters"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["parley.dev"]
  resources: ["imclusters/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["parley.dev"]
  resources: ["imclusters/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets", "configmaps", "services"]
  verbs: ["get", "create", "update", "patch"]
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "create", "update", "patch"]
- apiGroups: ["kafka.strimzi.io"]
  resources: ["kafkas", "kafkanodepools", "kafkatopics"]
  verbs: ["get", "create", "update", "patch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["list", "delete", "deletecollection"]
{{- end }}
