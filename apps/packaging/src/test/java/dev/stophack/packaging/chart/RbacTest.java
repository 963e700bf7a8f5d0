package dev.stophack.packaging.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.packaging.model.Manifests;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each service account may do exactly what its part uses, no more. */
class RbacTest {
    /** "group/resource verb" each subject is granted. */
    static Map<String, Set<String>> grants(Manifests m) {
        Map<String, Role> roles = new TreeMap<>();
        m.typed(Role.class).forEach(r -> roles.put(r.getMetadata().getName(), r));
        Map<String, Set<String>> out = new TreeMap<>();
        for (RoleBinding b : m.typed(RoleBinding.class)) {
            Role r = roles.get(b.getRoleRef().getName());
            assertThat(r).as("role of " + b.getMetadata().getName()).isNotNull();
            for (var s : b.getSubjects()) {
                Set<String> g = out.computeIfAbsent(s.getName(), k -> new TreeSet<>());
                for (PolicyRule rule : r.getRules()) {
                    assertThat(rule.getResourceNames()).isNullOrEmpty();
                    for (String group : rule.getApiGroups()) {
                        for (String res : rule.getResources()) {
                            for (String verb : rule.getVerbs()) {
                                g.add((group.isEmpty() ? "core" : group) + "/" + res + " " + verb);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> expand(String groupResources, String... verbs) {
        Set<String> out = new TreeSet<>();
        String group = groupResources.substring(0, groupResources.indexOf('/'));
        for (String res : groupResources.substring(group.length() + 1).split(",")) {
            for (String v : verbs) {
                out.add(group + "/" + res + " " + v);
            }
        }
        return out;
    }

    @Test
    void grantsNothingBeyondWhatEachPartUses() {
        Map<String, Set<String>> g = grants(Manifests.parse(Chart.template(Map.of())));
        Set<String> driver = new TreeSet<>();
        driver.addAll(expand("core/pods", "create", "get", "list", "watch", "delete", "deletecollection", "patch"));
        driver.addAll(expand("core/services,configmaps,persistentvolumeclaims", "create", "get", "list", "watch", "delete",
                "deletecollection"));
        Set<String> training = new TreeSet<>(driver);
        training.add("stophack.dev/modelversions create");
        Set<String> controller = new TreeSet<>();
        controller.addAll(expand("stophack.dev/modelversions,modelversions/status,modelrollouts,modelrollouts/status",
                "get", "list", "watch", "patch", "update"));
        controller.addAll(expand("sparkoperator.k8s.io/sparkapplications", "get", "list", "watch"));
        controller.addAll(expand("core/events", "create", "patch"));
        controller.addAll(expand("coordination.k8s.io/leases", "get", "create", "update"));
        assertThat(g).isEqualTo(Map.of("stophack-streaming", driver, "stophack-training", training,
                "stophack-controller", controller));
        // no wildcard anywhere
        assertThat(g.values().stream().flatMap(Set::stream)).noneMatch(s -> s.contains("*"));
    }
}
