#!/usr/bin/env bash
# stophack on minikube, from nothing to a running pipeline: checks the tools, starts minikube,
# installs the Strimzi operator and the spark-operator at the chart's pinned versions, builds the
# images into minikube, installs the chart, waits for Kafka, the object store and the apps, runs
# the training and says how to watch, open the dashboard and query the parquet.
#   ./minikube.sh            set up (a second run only does what is missing)
#   ./minikube.sh --dry-run  print every step without running it
#   ./minikube.sh --down     remove what it made (the minikube profile)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROFILE=${STOPHACK_MINIKUBE_PROFILE:-stophack}
NAMESPACE=${STOPHACK_NAMESPACE:-stophack}
RELEASE=stophack
CPUS=${STOPHACK_MINIKUBE_CPUS:-6}
MEMORY=${STOPHACK_MINIKUBE_MEMORY:-14g}
CHART="$ROOT/helm/stophack"
# the operator versions: pinned once, in the chart
STRIMZI_VERSION=$(sed -n 's/^ *stophack.dev\/strimzi-version: *"\(.*\)"/\1/p' "$CHART/Chart.yaml")
SPARK_OPERATOR_VERSION=$(sed -n 's/^ *stophack.dev\/spark-operator-version: *"\(.*\)"/\1/p' "$CHART/Chart.yaml")
APP_VERSION=$(sed -n 's/^appVersion: *"\(.*\)"/\1/p' "$CHART/Chart.yaml")
IMAGES=(producer consumer controller streaming training)

DRY_RUN=""
MODE=up

say() { printf '\n== %s\n' "$*"; }

# Runs a step, or prints it on --dry-run.
run() {
  if [[ -n "$DRY_RUN" ]]; then
    printf '  %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

need() {
  local tool=$1 why=$2
  if ! command -v "$tool" >/dev/null 2>&1; then
    if [[ -n "$DRY_RUN" ]]; then
      echo "  (missing: $tool - $why)"
    else
      echo "minikube.sh: $tool is missing: $why" >&2
      exit 1
    fi
  fi
}

prerequisites() {
  say "prerequisites"
  need minikube "install minikube: https://minikube.sigs.k8s.io/docs/start/"
  need kubectl "install kubectl: https://kubernetes.io/docs/tasks/tools/"
  need helm "install helm 3: https://helm.sh/docs/intro/install/"
  need java "install a JDK 17 to build the apps (./mvnw)"
  if ! command -v docker >/dev/null 2>&1 && ! command -v podman >/dev/null 2>&1; then
    if [[ -n "$DRY_RUN" ]]; then
      echo "  (missing: a container runtime - docker or podman)"
    else
      echo "minikube.sh: no container runtime: install docker or podman for minikube's driver" >&2
      exit 1
    fi
  fi
}

start_minikube() {
  say "minikube (profile $PROFILE, $CPUS CPUs, $MEMORY)"
  if [[ -z "$DRY_RUN" ]] && minikube -p "$PROFILE" status >/dev/null 2>&1; then
    echo "  already running"
  else
    run minikube start -p "$PROFILE" --cpus "$CPUS" --memory "$MEMORY" --kubernetes-version stable
  fi
  run kubectl config use-context "$PROFILE"
}

namespace() {
  say "namespace $NAMESPACE (restricted Pod Security Standard)"
  if [[ -n "$DRY_RUN" ]] || ! kubectl get namespace "$NAMESPACE" >/dev/null 2>&1; then
    run kubectl create namespace "$NAMESPACE"
  fi
  run kubectl label --overwrite namespace "$NAMESPACE" pod-security.kubernetes.io/enforce=restricted
}

operators() {
  say "Strimzi $STRIMZI_VERSION and spark-operator $SPARK_OPERATOR_VERSION"
  run helm repo add strimzi https://strimzi.io/charts/ --force-update
  run helm repo add spark-operator https://kubeflow.github.io/spark-operator --force-update
  run helm repo update strimzi spark-operator
  # restricted: the operator gives Kafka's pods the restricted security context
  run helm upgrade --install strimzi strimzi/strimzi-kafka-operator --version "$STRIMZI_VERSION" \
    --namespace strimzi --create-namespace --set "watchNamespaces={$NAMESPACE}" \
    --set "extraEnvs[0].name=STRIMZI_POD_SECURITY_PROVIDER_CLASS" --set "extraEnvs[0].value=restricted" --wait
  run helm upgrade --install spark-operator spark-operator/spark-operator --version "$SPARK_OPERATOR_VERSION" \
    --namespace spark-operator --create-namespace --set "spark.jobNamespaces={$NAMESPACE}" \
    --set spark.serviceAccount.create=false --set webhook.enable=true --wait
}

images() {
  say "images (stophack/<app>:$APP_VERSION, built into minikube)"
  run "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" package -DskipTests
  local app
  for app in "${IMAGES[@]}"; do
    if [[ -n "$DRY_RUN" || -f "$ROOT/apps/$app/pom.xml" ]]; then
      run minikube -p "$PROFILE" image build -t "stophack/$app:$APP_VERSION" -f "apps/$app/Dockerfile" "$ROOT"
    else
      echo "  skipping $app: apps/$app is not part of this checkout yet"
    fi
  done
}

install() {
  say "helm install $RELEASE"
  local extra=()
  # the controller and its ModelRollout need the stophack CRDs in the chart's crds/
  if ! compgen -G "$CHART/crds/*.yml" >/dev/null && ! compgen -G "$CHART/crds/*.yaml" >/dev/null; then
    echo "  no CRDs in helm/stophack/crds yet: the controller stays off"
    extra+=(--set controller.enabled=false)
  fi
  run helm upgrade --install "$RELEASE" "$CHART" --namespace "$NAMESPACE" "${extra[@]}" --wait --timeout 15m
}

wait_ready() {
  say "waiting for Kafka, the object store and the apps"
  run kubectl -n "$NAMESPACE" wait "kafka/$RELEASE-kafka" --for=condition=Ready --timeout=15m
  run kubectl -n "$NAMESPACE" rollout status "deployment/$RELEASE-seaweedfs" --timeout=10m
  run kubectl -n "$NAMESPACE" rollout status "deployment/$RELEASE-consumer" --timeout=10m
  run kubectl -n "$NAMESPACE" rollout status "deployment/$RELEASE-producer-process" --timeout=10m
  run kubectl -n "$NAMESPACE" rollout status "deployment/$RELEASE-producer-memory" --timeout=10m
  run kubectl -n "$NAMESPACE" rollout status "deployment/$RELEASE-producer-weblog" --timeout=10m
}

training() {
  say "training (the training SparkApplication runs once after install)"
  run kubectl -n "$NAMESPACE" wait "sparkapplication/$RELEASE-training" \
    --for=jsonpath='{.status.applicationState.state}'=COMPLETED --timeout=30m
}

next_steps() {
  say "stophack is running in namespace $NAMESPACE"
  cat <<NEXT
  watch:      kubectl -n $NAMESPACE logs -f $RELEASE-streaming-driver
              kubectl -n $NAMESPACE logs -f deploy/$RELEASE-producer-process
              kubectl -n $NAMESPACE logs -f deploy/$RELEASE-producer-weblog
  dashboard:  kubectl -n $NAMESPACE port-forward svc/$RELEASE-consumer 8080:8080, then http://127.0.0.1:8080/
  parquet:    helm -n $NAMESPACE get notes $RELEASE   (port-forward to the object store and a query)
  check:      helm -n $NAMESPACE test $RELEASE
  remove:     ./minikube.sh --down
NEXT
}

down() {
  say "removing the minikube profile $PROFILE (cluster, images and data)"
  if [[ -n "$DRY_RUN" ]] || minikube -p "$PROFILE" status >/dev/null 2>&1; then
    run minikube delete -p "$PROFILE"
  else
    echo "  nothing to remove"
  fi
}

main() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      --dry-run) DRY_RUN=1 ;;
      --down) MODE=down ;;
      -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) echo "minikube.sh: unknown option $arg (--dry-run, --down, --help)" >&2; exit 2 ;;
    esac
  done
  cd "$ROOT"
  if [[ "$MODE" == down ]]; then
    need minikube "install minikube: https://minikube.sigs.k8s.io/docs/start/"
    down
    return 0
  fi
  prerequisites
  start_minikube
  namespace
  operators
  images
  install
  wait_ready
  training
  next_steps
}

main "$@"
