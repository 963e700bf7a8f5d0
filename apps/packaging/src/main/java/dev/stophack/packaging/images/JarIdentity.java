package dev.stophack.packaging.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which Maven artifact a jar file is. File names alone are ambiguous (software.amazon.awssdk's
 * {@code annotations-2.25.70.jar} and org.jetbrains' {@code annotations-17.0.0.jar} share a name),
 * so the jar's own {@code META-INF/maven/<group>/<artifact>/pom.properties} decides; a jar without
 * one (or with several, as shaded jars have) is known by the artifact name in its file name.
 *
 * @param group      the groupId, or null when the jar does not say
 * @param artifact   the artifactId
 * @param version    the version, or null when unknown
 * @param classifier the classifier (netty's linux-x86_64 native jar, orc's shaded-protobuf), or null
 * @param file       the jar's file name
 */
public record JarIdentity(String group, String artifact, String version, String classifier, String file) {
    // name-version[-classifier].jar; a version starts with a digit and has no '_' (that is Scala's
    // suffix in the name), further numeric parts (zstd-jni-1.5.5-4) still belong to the version
    private static final Pattern FILE = Pattern.compile(
            "(.+?)-([0-9][0-9A-Za-z.]*(?:-[0-9][0-9A-Za-z.]*)*)((?:-[A-Za-z][A-Za-z0-9_]*)*)\\.jar");

    /** The key two jars must share to be the same library at possibly different versions. */
    public String key() {
        return group == null ? "?:" + artifact : group + ":" + artifact;
    }

    /** Same artifact and classifier: two versions of it must never both be on a classpath. */
    public boolean sameLibrary(JarIdentity other) {
        if (!java.util.Objects.equals(classifier, other.classifier) || !artifact.equals(other.artifact)) {
            return false;
        }
        return group == null || other.group == null || group.equals(other.group);
    }

    public static JarIdentity of(Path jar) throws IOException {
        String file = jar.getFileName().toString();
        List<Properties> poms = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (n.startsWith("META-INF/maven/") && n.endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = zip.getInputStream(e)) {
                        p.load(in);
                    }
                    poms.add(p);
                }
            }
        }
        JarIdentity byName = fromFileName(file);
        // a shaded jar lists its inlined libraries too: only the one named like the file is it
        for (Properties p : poms) {
            String artifact = p.getProperty("artifactId");
            if (poms.size() == 1 || (artifact != null && artifact.equals(byName.artifact()))) {
                String version = p.getProperty("version");
                return new JarIdentity(p.getProperty("groupId"), artifact, version, classifier(file, artifact, version), file);
            }
        }
        return byName;
    }

    /** The identity a Maven-style file name alone gives: no group. */
    public static JarIdentity fromFileName(String file) {
        Matcher m = FILE.matcher(file);
        if (m.matches()) {
            return new JarIdentity(null, m.group(1), m.group(2), m.group(3).isEmpty() ? null : m.group(3).substring(1), file);
        }
        return new JarIdentity(null, file.replaceFirst("\\.jar$", ""), null, null, file);
    }

    /** What follows artifact-version- in a Maven file name, when anything does. */
    static String classifier(String file, String artifact, String version) {
        String base = artifact + "-" + version;
        if (version != null && file.startsWith(base + "-") && file.endsWith(".jar")) {
            return file.substring(base.length() + 1, file.length() - 4);
        }
        return null;
    }
}
