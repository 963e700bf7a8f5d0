package dev.stophack.packaging.model;

import io.strimzi.api.kafka.model.kafka.Kafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The properties Strimzi's v1 API removed. Strimzi 0.51's model classes serve v1beta2 and v1 at
 * once and mark each property that exists only in older versions with
 * {@code @PresentInVersions("v1beta2")} (or a range ending before v1) — the machine-readable form of
 * the v1 migration notes (spec.kafka.replicas and storage moved to node pools, ZooKeeper gone,
 * KafkaUser acls[].operation replaced by operations, ...). The annotation's class is not published,
 * so the marks are read from the class files with ASM.
 */
public final class StrimziV1 {
    private static final String PRESENT_IN = "Lio/strimzi/crdgenerator/annotations/PresentInVersions;";
    private static final List<String> ORDER = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");
    private static final Set<String> REMOVED = load();

    private StrimziV1() {
    }

    /** Whether the getter {@code method} of {@code owner} (or the class itself, method null) is gone in v1. */
    public static boolean removed(Class<?> owner, String method) {
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            if (REMOVED.contains(c.getName() + "#" + (method == null ? "" : method))) {
                return true;
            }
        }
        return false;
    }

    /** Every mark, as class#method (class# for a whole type), for the checks of this list itself. */
    public static Set<String> all() {
        return REMOVED;
    }

    static boolean includesV1(String range) {
        String r = range.trim();
        if (r.endsWith("+")) {
            return true;
        }
        String last = r.contains("-") ? r.substring(r.indexOf('-') + 1) : r;
        return ORDER.indexOf(last) >= ORDER.indexOf("v1");
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try {
            Path jar = Path.of(Kafka.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (var e = jf.entries(); e.hasMoreElements(); ) {
                    var entry = e.nextElement();
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = jf.getInputStream(entry)) {
                            read(new ClassReader(in), out);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return Set.copyOf(out);
    }

    private static void read(ClassReader reader, Set<String> out) {
        String cls = reader.getClassName().replace('/', '.');
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return mark(descriptor, cls + "#", out);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                        return mark(desc, cls + "#" + name, out);
                    }
                };
            }
        }, ClassReader.SKIP_CODE);
    }

    private static AnnotationVisitor mark(String descriptor, String key, Set<String> out) {
        if (!PRESENT_IN.equals(descriptor)) {
            return null;
        }
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                if ("value".equals(name) && !includesV1(String.valueOf(value))) {
                    out.add(key);
                }
            }
        };
    }
}
