{{/* Names. */}}
{{- define "stophack.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "stophack.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "stophack.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "stophack.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The Strimzi Kafka cluster's name. */}}
{{- define "stophack.kafkaCluster" -}}
{{- printf "%s-kafka" (include "stophack.fullname" .) | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every object, from one place. Call with (dict "ctx" $ "component" "consumer").
*/}}
{{- define "stophack.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .ctx.Chart.Name .ctx.Chart.Version | replace "+" "_" }}
{{ include "stophack.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: stophack
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "stophack.selectorLabels" -}}
app.kubernetes.io/name: {{ include "stophack.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* A stophack image: (dict "ctx" $ "app" "producer"). */}}
{{- define "stophack.image" -}}
{{- $tag := default .ctx.Chart.AppVersion .ctx.Values.image.tag -}}
{{- if .ctx.Values.image.registry -}}
{{ printf "%s/stophack/%s:%s" (trimSuffix "/" .ctx.Values.image.registry) .app $tag }}
{{- else -}}
{{ printf "stophack/%s:%s" .app $tag }}
{{- end -}}
{{- end }}

{{- define "stophack.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* Kafka: where the apps connect, and whether they authenticate. */}}
{{- define "stophack.kafka.scram" -}}
{{- if and .Values.kafka.strimzi .Values.kafka.listeners.scram }}true{{ end }}
{{- end }}

{{- define "stophack.kafka.bootstrap" -}}
{{- if .Values.kafka.strimzi }}
{{- printf "%s-kafka-bootstrap:%s" (include "stophack.kafkaCluster" .) (ternary "9093" "9092" .Values.kafka.listeners.scram) }}
{{- else }}
{{- required "kafka.external.bootstrap is required when kafka.strimzi is false" .Values.kafka.external.bootstrap }}
{{- end }}
{{- end }}

{{/* Whether the apps get a client.properties (SCRAM with Strimzi, or the external Secret). */}}
{{- define "stophack.kafka.clientConfig" -}}
{{- if or (include "stophack.kafka.scram" .) (and (not .Values.kafka.strimzi) .Values.kafka.external.clientConfigSecret) }}true{{ end }}
{{- end }}

{{/* The KafkaUser (and so its Secret) of an app: (dict "ctx" $ "user" "consumer"). */}}
{{- define "stophack.kafka.user" -}}
{{- printf "%s-%s" (include "stophack.fullname" .ctx) .user }}
{{- end }}

{{/* Env of a Kafka client: (dict "ctx" $). */}}
{{- define "stophack.kafka.env" -}}
- name: STOPHACK_KAFKA_BOOTSTRAP
  value: {{ include "stophack.kafka.bootstrap" .ctx | quote }}
{{- if include "stophack.kafka.clientConfig" .ctx }}
- name: STOPHACK_KAFKA_CONFIG
  value: /etc/stophack/kafka/client.properties
{{- end }}
{{- end }}

{{/* Volume mounts of a Kafka client. */}}
{{- define "stophack.kafka.volumeMounts" -}}
{{- if include "stophack.kafka.clientConfig" . }}
- name: kafka-client-config
  mountPath: /etc/stophack/kafka
  readOnly: true
{{- if include "stophack.kafka.scram" . }}
- name: kafka-user
  mountPath: /etc/stophack/kafka-user
  readOnly: true
- name: kafka-cluster-ca
  mountPath: /etc/stophack/kafka-ca
  readOnly: true
{{- end }}
{{- end }}
{{- end }}

{{/*
Volumes of a Kafka client: (dict "ctx" $ "user" "consumer"). With SCRAM: the shared
client.properties, the app's KafkaUser Secret as a directory (the JAAS line is read from it by
Kafka's DirectoryConfigProvider, never copied) and the cluster CA certificate.
*/}}
{{- define "stophack.kafka.volumes" -}}
{{- if include "stophack.kafka.scram" .ctx }}
- name: kafka-client-config
  configMap:
    name: {{ include "stophack.fullname" .ctx }}-kafka-client
- name: kafka-user
  secret:
    secretName: {{ include "stophack.kafka.user" . }}
- name: kafka-cluster-ca
  secret:
    secretName: {{ include "stophack.kafkaCluster" .ctx }}-cluster-ca-cert
    items:
      - key: ca.crt
        path: ca.crt
{{- else if include "stophack.kafka.clientConfig" .ctx }}
- name: kafka-client-config
  secret:
    secretName: {{ .ctx.Values.kafka.external.clientConfigSecret }}
{{- end }}
{{- end }}

{{/* S3 */}}
{{- define "stophack.s3.secret" -}}
{{- default (printf "%s-s3" (include "stophack.fullname" .)) .Values.objectStore.credentials.existingSecret }}
{{- end }}

{{- define "stophack.s3.staticKeys" -}}
{{- if not (and (eq .Values.objectStore.mode "external") .Values.objectStore.credentials.defaultChain) }}true{{ end }}
{{- end }}

{{- define "stophack.s3.endpoint" -}}
{{- if eq .Values.objectStore.mode "seaweedfs" }}
{{- printf "http://%s-seaweedfs:8333" (include "stophack.fullname" .) }}
{{- else if .Values.objectStore.external.endpoint }}
{{- .Values.objectStore.external.endpoint }}
{{- else }}
{{- printf "https://s3.%s.amazonaws.com" .Values.objectStore.region }}
{{- end }}
{{- end }}

{{- define "stophack.s3.pathStyle" -}}
{{- if or (eq .Values.objectStore.mode "seaweedfs") .Values.objectStore.external.pathStyle }}true{{ else }}false{{ end }}
{{- end }}

{{/* Env of an S3 client: keys only ever by reference to the Secret. */}}
{{- define "stophack.s3.env" -}}
- name: STOPHACK_S3_ENDPOINT
  value: {{ include "stophack.s3.endpoint" . | quote }}
- name: STOPHACK_S3_BUCKET
  value: {{ .Values.objectStore.bucket | quote }}
- name: AWS_REGION
  value: {{ .Values.objectStore.region | quote }}
{{- if include "stophack.s3.staticKeys" . }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "stophack.s3.secret" . }}
      key: {{ .Values.objectStore.credentials.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "stophack.s3.secret" . }}
      key: {{ .Values.objectStore.credentials.secretAccessKeyKey }}
{{- end }}
{{- end }}

{{/* hadoop-aws settings of the Spark jobs (credentials come from the env above). */}}
{{- define "stophack.s3.sparkConf" -}}
spark.hadoop.fs.s3a.endpoint: {{ include "stophack.s3.endpoint" . | quote }}
spark.hadoop.fs.s3a.endpoint.region: {{ .Values.objectStore.region | quote }}
spark.hadoop.fs.s3a.path.style.access: {{ include "stophack.s3.pathStyle" . | quote }}
spark.hadoop.fs.s3a.connection.ssl.enabled: {{ hasPrefix "https:" (include "stophack.s3.endpoint" .) | toString | quote }}
spark.hadoop.fs.s3a.aws.credentials.provider: {{ ternary "com.amazonaws.auth.EnvironmentVariableCredentialsProvider" "com.amazonaws.auth.DefaultAWSCredentialsProviderChain" (eq (include "stophack.s3.staticKeys" .) "true") | quote }}
{{- end }}

{{/* The bucket's URI root. */}}
{{- define "stophack.s3.root" -}}
{{- printf "s3a://%s" .Values.objectStore.bucket }}
{{- end }}

{{/* Security contexts ("restricted" Pod Security Standard): (dict "ctx" $ "uid" 10001). */}}
{{- define "stophack.podSecurityContext" -}}
{{- $psc := deepCopy .ctx.Values.podSecurityContext }}
{{- $_ := set $psc "runAsUser" .uid }}
{{- $_ := set $psc "runAsGroup" .uid }}
{{- $_ := set $psc "fsGroup" .uid }}
{{- toYaml $psc }}
{{- end }}

{{- define "stophack.containerSecurityContext" -}}
{{- $csc := deepCopy .ctx.Values.containerSecurityContext }}
{{- $_ := set $csc "readOnlyRootFilesystem" .readOnly }}
{{- toYaml $csc }}
{{- end }}

{{- define "stophack.scheduling" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Prometheus scrape annotations for plain Prometheus (without the operator). */}}
{{- define "stophack.scrapeAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ . | quote }}
prometheus.io/path: /metrics
{{- end }}
