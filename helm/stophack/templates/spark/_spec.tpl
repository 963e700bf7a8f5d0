{{/*
The spec of a stophack SparkApplication: (dict "ctx" $ "job" "streaming" "main" CLASS "args" LIST
"restartPolicy" DICT). The image is the job's own (apache/spark 3.5.7 plus the jars it lacks); the
driver and executors get the same env, volumes and security context. S3 keys and the Kafka JAAS
line only ever come from Secrets.
*/}}
{{- define "stophack.spark.spec" -}}
{{- $ := .ctx }}
{{- $v := index $.Values .job }}
{{- $component := .job }}
{{- $labels := dict "app.kubernetes.io/name" (include "stophack.name" $) "app.kubernetes.io/instance" $.Release.Name "app.kubernetes.io/component" $component "app.kubernetes.io/part-of" "stophack" "stophack.dev/kafka-client" "true" "stophack.dev/s3-client" "true" }}
type: Java
mode: cluster
sparkVersion: "3.5.7"
image: {{ include "stophack.image" (dict "ctx" $ "app" .job) }}
imagePullPolicy: {{ default $.Values.image.pullPolicy $.Values.spark.pullPolicy }}
{{- with $.Values.image.pullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
mainClass: {{ .main }}
mainApplicationFile: local:///opt/stophack/stophack-{{ .job }}.jar
arguments:
  {{- range .args }}
  - {{ . | quote }}
  {{- end }}
sparkConf:
  # the libraries the image adds to the distribution (/opt/stophack/lib)
  spark.driver.extraClassPath: /opt/stophack/lib/*
  spark.executor.extraClassPath: /opt/stophack/lib/*
  {{- include "stophack.s3.sparkConf" $ | nindent 2 }}
  # Spark's own metrics as Prometheus text on the driver's UI port
  spark.ui.prometheus.enabled: "true"
  spark.metrics.conf.*.sink.prometheusServlet.class: org.apache.spark.metrics.sink.PrometheusServlet
  spark.metrics.conf.*.sink.prometheusServlet.path: /metrics/prometheus
restartPolicy:
  {{- toYaml .restartPolicy | nindent 2 }}
volumes:
  - name: tmp
    emptyDir: {}
  {{- with include "stophack.kafka.volumes" (dict "ctx" $ "user" .job) | trim }}{{ . | nindent 2 }}{{- end }}
driver:
  cores: {{ $v.driver.cores }}
  memory: {{ $v.driver.memory | quote }}
  # the throughput collector: G1's concurrent marking took a sixth of the job's CPU (docs/benchmarks.md)
  javaOptions: "-XX:+UseParallelGC"
  serviceAccount: {{ include "stophack.fullname" $ }}-{{ .job }}
  labels:
    {{- toYaml $labels | nindent 4 }}
  annotations:
    {{- include "stophack.scrapeAnnotations" (ternary 9465 4040 (eq .job "streaming")) | nindent 4 }}
  {{- if eq .job "streaming" }}
  ports:
    - name: metrics
      protocol: TCP
      containerPort: 9465
  {{- end }}
  env:
    {{- with include "stophack.kafka.env" (dict "ctx" $) | trim }}{{ . | nindent 4 }}{{- end }}
    {{- with include "stophack.s3.env" $ | trim }}{{ . | nindent 4 }}{{- end }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- with include "stophack.kafka.volumeMounts" $ | trim }}{{ . | nindent 4 }}{{- end }}
  podSecurityContext:
    {{- include "stophack.podSecurityContext" (dict "ctx" $ "uid" 185) | nindent 4 }}
  securityContext:
    {{- include "stophack.containerSecurityContext" (dict "ctx" $ "readOnly" false) | nindent 4 }}
  {{- with $.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
executor:
  instances: {{ $v.executor.instances }}
  cores: {{ $v.executor.cores }}
  memory: {{ $v.executor.memory | quote }}
  javaOptions: "-XX:+UseParallelGC"
  labels:
    {{- toYaml $labels | nindent 4 }}
  env:
    {{- with include "stophack.kafka.env" (dict "ctx" $) | trim }}{{ . | nindent 4 }}{{- end }}
    {{- with include "stophack.s3.env" $ | trim }}{{ . | nindent 4 }}{{- end }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
    {{- with include "stophack.kafka.volumeMounts" $ | trim }}{{ . | nindent 4 }}{{- end }}
  podSecurityContext:
    {{- include "stophack.podSecurityContext" (dict "ctx" $ "uid" 185) | nindent 4 }}
  securityContext:
    {{- include "stophack.containerSecurityContext" (dict "ctx" $ "readOnly" false) | nindent 4 }}
  {{- with $.Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* The training job's arguments. */}}
{{- define "stophack.training.args" -}}
{{- $data := default (printf "%s/data/train" (include "stophack.s3.root" .)) .Values.training.data.uri }}
{{- $args := list "--data" $data "--models" (printf "%s/models" (include "stophack.s3.root" .)) "--algorithm" .Values.training.algorithm }}
{{- $args = append $args (ternary "--register-model-version" "--no-register-model-version" .Values.controller.enabled) }}
{{- toJson (concat $args .Values.training.extraArgs) }}
{{- end }}
