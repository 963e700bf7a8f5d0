package dev.stophack.packaging.model;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds what typed parsing hides. fabric8's and Strimzi's classes keep any field they do not know
 * in {@code additionalProperties} instead of failing, so a typo ({@code readinesProbe}) parses
 * fine; this walks a parsed object and reports every such field, and every Strimzi property that
 * v1 removed, by its path.
 */
public final class Strict {
    private final ObjectMapper mapper;
    private final List<String> problems = new ArrayList<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();

    private Strict(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static List<String> problems(ObjectMapper mapper, Object root, String path) {
        Strict s = new Strict(mapper);
        s.walk(root, path);
        return s.problems;
    }

    private void walk(Object o, String path) {
        if (o == null || o instanceof CharSequence || o instanceof Number || o instanceof Boolean || o instanceof Enum) {
            return;
        }
        if (seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k));
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) {
                walk(x, path + "[" + i++ + "]");
            }
            return;
        }
        Class<?> cls = o.getClass();
        String pkg = cls.getPackageName();
        if (!(pkg.startsWith("io.fabric8") || pkg.startsWith("io.strimzi") || pkg.startsWith("dev.stophack"))) {
            return;
        }
        boolean strimzi = pkg.startsWith("io.strimzi");
        if (strimzi && StrimziV1.removed(cls, null)) {
            problems.add(path + ": " + cls.getSimpleName() + " does not exist in kafka.strimzi.io/v1");
        }
        JavaType type = mapper.constructType(cls);
        BeanDescription bean = mapper.getSerializationConfig().introspect(type);
        AnnotatedMember any = bean.findAnyGetter();
        if (any != null) {
            Object extra = any.getValue(o);
            if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
                problems.add(path + ": fields unknown to " + cls.getName() + ": " + m.keySet());
            }
        }
        for (BeanPropertyDefinition p : bean.findProperties()) {
            AnnotatedMember getter = p.getAccessor();
            if (getter == null) {
                continue;
            }
            Object value;
            try {
                value = getter.getValue(o);
            } catch (RuntimeException e) {
                continue;
            }
            if (value == null || (value instanceof Collection<?> c && c.isEmpty())) {
                continue;
            }
            if ("additionalProperties".equals(p.getName())) {
                if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                    problems.add(path + ": fields unknown to " + cls.getName() + ": " + m.keySet());
                }
                continue;
            }
            if (strimzi && getter instanceof AnnotatedMethod m && StrimziV1.removed(m.getDeclaringClass(), m.getName())) {
                problems.add(path + "." + p.getName() + ": removed in kafka.strimzi.io/v1");
            }
            walk(value, path + "." + p.getName());
        }
    }
}
