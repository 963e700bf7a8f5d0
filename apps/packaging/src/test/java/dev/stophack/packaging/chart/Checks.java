package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.packaging.model.Manifests;
import dev.stophack.packaging.model.SparkApplicationModel.Driver;
import dev.stophack.packaging.model.SparkApplicationModel.Executor;
import dev.stophack.packaging.model.SparkApplicationModel.SparkApplication;
import dev.stophack.packaging.model.SparkApplicationModel.ScheduledSparkApplication;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks every rendering must pass, whatever the values. */
final class Checks {
    private static final Pattern SECRET_ENV = Pattern.compile("(?i).*(secret|password|passwd|token|access_key).*");

    private Checks() {
    }

    /** Pod specs by a readable name: Deployments, Jobs and bare Pods. */
    static Map<String, PodSpec> podSpecs(Manifests m) {
        Map<String, PodSpec> out = new LinkedHashMap<>();
        m.typed(Deployment.class).forEach(d -> out.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        m.typed(Job.class).forEach(j -> out.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
        m.typed(Pod.class).forEach(p -> out.put("Pod/" + p.getMetadata().getName(), p.getSpec()));
        return out;
    }

    static void all(String rendered, Manifests m) {
        assertThat(m.problems()).as("fields the typed models do not know").isEmpty();
        noPlaintextCredentials(rendered, m);
        everyPodIsComplete(m);
        sparkPodsAreComplete(m);
    }

    /**
     * No credential in clear: env that looks secret comes from a Secret, no stringData, and the
     * generated Secret's values appear nowhere else (neither in clear nor base64).
     */
    static void noPlaintextCredentials(String rendered, Manifests m) {
        List<String> found = new ArrayList<>();
        for (var e : podSpecs(m).entrySet()) {
            List<Container> cs = new ArrayList<>(e.getValue().getContainers());
            if (e.getValue().getInitContainers() != null) {
                cs.addAll(e.getValue().getInitContainers());
            }
            for (Container c : cs) {
                for (EnvVar v : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (SECRET_ENV.matcher(v.getName()).matches() && v.getValue() != null) {
                        found.add(e.getKey() + " " + c.getName() + " env " + v.getName() + " has a literal value");
                    }
                }
            }
        }
        for (SparkApplication app : m.typed(SparkApplication.class)) {
            sparkEnv(app.metadata().getName(), app.spec().driver().env(), found);
            sparkEnv(app.metadata().getName(), app.spec().executor().env(), found);
            app.spec().sparkConf().forEach((k, v) -> {
                if (k.contains("secret.key") || k.contains("access.key") || k.contains("password")) {
                    found.add(app.metadata().getName() + " sparkConf " + k);
                }
            });
        }
        for (Secret s : m.typed(Secret.class)) {
            assertThat(s.getStringData()).as("stringData of " + s.getMetadata().getName()).isNullOrEmpty();
            String text = rendered;
            for (String b64 : s.getData().values()) {
                String clear = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
                assertThat(count(text, b64)).as("the Secret's value appears once, in the Secret").isEqualTo(1);
                assertThat(text).as("a Secret's value in clear").doesNotContain(clear);
            }
        }
        // the embedded endpoint's demo keys and typical inline credentials never reach a manifest
        assertThat(rendered).doesNotContain("stophack-secret").doesNotContain("password=")
                .doesNotContainPattern("(?i)sasl\\.jaas\\.config=org\\.apache");
        assertThat(found).isEmpty();
    }

    private static void sparkEnv(String app, List<EnvVar> env, List<String> found) {
        for (EnvVar v : env == null ? List.<EnvVar>of() : env) {
            if (SECRET_ENV.matcher(v.getName()).matches() && v.getValue() != null) {
                found.add(app + " env " + v.getName() + " has a literal value");
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** Image, resources (memory limit), security context on every container; probes on every long-running one. */
    static void everyPodIsComplete(Manifests m) {
        List<String> missing = new ArrayList<>();
        for (var e : podSpecs(m).entrySet()) {
            PodSpec p = e.getValue();
            var psc = p.getSecurityContext();
            if (psc == null || !Boolean.TRUE.equals(psc.getRunAsNonRoot()) || psc.getRunAsUser() == null
                    || psc.getSeccompProfile() == null || !"RuntimeDefault".equals(psc.getSeccompProfile().getType())) {
                missing.add(e.getKey() + ": pod securityContext (runAsNonRoot, runAsUser, seccomp RuntimeDefault)");
            }
            List<Container> cs = new ArrayList<>(p.getContainers());
            if (p.getInitContainers() != null) {
                cs.addAll(p.getInitContainers());
            }
            for (Container c : cs) {
                String id = e.getKey() + " " + c.getName();
                if (c.getImage() == null || !c.getImage().contains(":")) {
                    missing.add(id + ": image with a tag");
                }
                if (c.getResources() == null || c.getResources().getLimits() == null
                        || !c.getResources().getLimits().containsKey("memory") || c.getResources().getRequests() == null) {
                    missing.add(id + ": resources (requests, memory limit)");
                }
                var sc = c.getSecurityContext();
                if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()) || sc.getCapabilities() == null
                        || !sc.getCapabilities().getDrop().contains("ALL")) {
                    missing.add(id + ": securityContext (no privilege escalation, drop ALL)");
                }
            }
            if (e.getKey().startsWith("Deployment/")) {
                for (Container c : p.getContainers()) {
                    if (c.getReadinessProbe() == null || c.getLivenessProbe() == null) {
                        missing.add(e.getKey() + " " + c.getName() + ": readiness and liveness probes");
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    static void sparkPodsAreComplete(Manifests m) {
        List<dev.stophack.packaging.model.SparkApplicationModel.Spec> specs = new ArrayList<>();
        m.typed(SparkApplication.class).forEach(a -> specs.add(a.spec()));
        m.typed(ScheduledSparkApplication.class).forEach(a -> specs.add(a.spec().template()));
        for (var s : specs) {
            assertThat(s.image()).contains(":");
            Driver d = s.driver();
            Executor x = s.executor();
            assertThat(d.memory()).isNotBlank();
            assertThat(d.cores()).isPositive();
            assertThat(x.memory()).isNotBlank();
            assertThat(x.instances()).isPositive();
            for (var psc : List.of(d.podSecurityContext(), x.podSecurityContext())) {
                assertThat(psc.getRunAsNonRoot()).isTrue();
                assertThat(psc.getRunAsUser()).isEqualTo(185L);
                assertThat(psc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            }
            for (var sc : List.of(d.securityContext(), x.securityContext())) {
                assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
                assertThat(sc.getCapabilities().getDrop()).contains("ALL");
            }
        }
    }
}
