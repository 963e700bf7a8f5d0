package dev.stophack.packaging.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stophack.packaging.Repo;
import dev.stophack.packaging.chart.Chart;
import dev.stophack.packaging.model.Manifests;
import dev.stophack.packaging.model.SparkApplicationModel.SparkApplication;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be checked of the images without a container engine: the Dockerfiles' sources exist
 * after ./mvnw package, the Spark images add exactly what the distribution lacks, and the chart
 * runs what the images hold (jar paths, main classes, users, ports, the apps' real flags).
 */
class ImagesTest {
    static final List<String> JRE_APPS = List.of("producer", "consumer", "controller");
    static final Map<String, String> MAIN = Map.of(
            "producer", "dev.stophack.producer.ProduceCommand", "consumer", "dev.stophack.consumer.ConsumeCommand",
            "controller", "dev.stophack.controller.ControllerCommand", "streaming", "dev.stophack.streaming.StreamCommand",
            "training", "dev.stophack.training.TrainCommand");
    static Manifests chart;

    @BeforeAll
    static void render() {
        chart = Manifests.parse(Chart.template(Map.of()));
    }

    static String dockerfile(String app) throws IOException {
        return Files.readString(Repo.ROOT.resolve("apps/" + app + "/Dockerfile"));
    }

    /** The jar of this module, which the Spark images run to select their jars. */
    static final String OWN_JAR = "apps/packaging/target/stophack-packaging.jar";

    static boolean built(String app) {
        // the controller's module lands separately; its image is checked once it exists
        return Files.exists(Repo.ROOT.resolve("apps/" + app + "/pom.xml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer", "controller", "streaming", "training"})
    void everyCopySourceExistsAfterPackage(String app) throws IOException {
        assumeTrue(built(app), "apps/" + app + " is not part of this checkout yet");
        Matcher m = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile(app));
        List<String> sources = new ArrayList<>();
        while (m.find()) {
            sources.add(m.group(1));
        }
        assertThat(sources).isNotEmpty();
        List<String> ignore = Files.readAllLines(Repo.ROOT.resolve(".dockerignore"));
        for (String s : sources) {
            if (s.equals(OWN_JAR)) {
                // this module's jar is made in the package phase after these tests: its classes must be there
                assertThat(Repo.ROOT.resolve("apps/packaging/target/classes/dev/stophack/packaging")).as(
                        "the classes of " + s + ", COPY source of apps/" + app + "/Dockerfile").isDirectoryRecursivelyContaining("glob:**.class");
            } else {
                assertThat(Repo.ROOT.resolve(s)).as("COPY source " + s + " of apps/" + app + "/Dockerfile").exists();
            }
            assertThat(inContext(ignore, s.replaceFirst("/$", ""))).as(".dockerignore lets " + s + " into the context").isTrue();
        }
        Matcher version = Pattern.compile("(?m)^ARG VERSION=(\\S+)$").matcher(dockerfile(app));
        assertThat(version.find()).isTrue();
        assertThat(version.group(1)).as("image version = the chart's appVersion")
                .isEqualTo(appVersion());
    }

    /** .dockerignore's rule: the last pattern that matches a path decides; "!" lets it in. */
    static boolean inContext(List<String> ignore, String path) {
        boolean in = true;
        for (String line : ignore) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean negate = pattern.startsWith("!");
            String glob = (negate ? pattern.substring(1) : pattern).replaceFirst("/$", "");
            var matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (matcher.matches(Path.of(path))) {
                in = negate;
            }
        }
        return in;
    }

    static String appVersion() throws IOException {
        Matcher m = Pattern.compile("(?m)^appVersion: \"([^\"]+)\"").matcher(Files.readString(Repo.CHART.resolve("Chart.yaml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer", "consumer", "controller"})
    void jreImagesRunTheLaunchersMainClassAsTheChartsUser(String app) throws IOException {
        String df = dockerfile(app);
        assertThat(df).contains("FROM ${JRE_IMAGE}").contains("ARG JRE_IMAGE=eclipse-temurin:17-jre")
                .contains("USER 10001:10001").contains("CMD [\"" + MAIN.get(app) + "\"")
                .contains("\"/opt/stophack/stophack-" + app + ".jar:/opt/stophack/lib/*\"")
                .doesNotContainPattern("(?m)^RUN .*(apt-get|apk|mvn|gradle)");
        assertThat(launcherMainClass(app)).isEqualTo(MAIN.get(app));
        for (Deployment d : chart.typed(Deployment.class)) {
            String component = d.getMetadata().getLabels().get("app.kubernetes.io/component");
            if (!component.startsWith(app)) {
                continue;
            }
            var pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
            Container c = pod.getContainers().get(0);
            assertThat(c.getImage()).isEqualTo("stophack/" + app + ":0.1.0");
            assertThat(c.getArgs().get(0)).isEqualTo(MAIN.get(app));
            int port = c.getPorts().get(0).getContainerPort();
            assertThat(df).containsPattern("(?m)^EXPOSE .*\\b" + port + "\\b");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        }
    }

    @Test
    void podsUseTheAppsRealFlagsAndEndpoints() throws Exception {
        for (String app : List.of("producer", "consumer")) {
            assertThat(help(app)).contains("--http-host").contains("--http-port");
            assertServesHealthz(app);
        }
        assertThat(help("producer")).contains("--csv");
        assertThat(help("consumer")).contains("--group");
        assertThat(help("streaming")).contains("--metrics-host").contains("--metrics-port").contains("--checkpoints")
                .contains("--models").contains("--output").contains("--trigger").contains("--shuffle-partitions");
        assertServesHealthz("streaming");
        assertThat(help("training")).contains("--data").contains("--algorithm").contains("--[no-]register-model-version");
        assertThat(help("controller")).contains("--metrics-host").contains("--metrics-port").contains("--namespace");
        assertServesHealthz("controller");
        // every flag the chart passes exists in the app's help
        for (SparkApplication a : chart.typed(SparkApplication.class)) {
            String app = a.metadata().getLabels().get("app.kubernetes.io/component");
            String h = help(app);
            a.spec().arguments().stream().filter(x -> x.startsWith("--"))
                    .forEach(flag -> assertThat(h).as(app + " " + flag).contains(flag.replaceFirst("^--(no-)?", "")));
        }
        for (Deployment d : chart.typed(Deployment.class)) {
            String component = d.getMetadata().getLabels().get("app.kubernetes.io/component");
            String app = component.startsWith("producer") ? "producer" : component;
            if (!Set.of("producer", "consumer", "controller").contains(app)) {
                continue;
            }
            List<String> args = d.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
            // the words between the main class and the first flag name a subcommand (produce weblog)
            List<String> words = args.stream().skip(1).takeWhile(x -> !x.startsWith("--")).toList();
            String h = help(app, words);
            args.stream().filter(x -> x.startsWith("--"))
                    .forEach(flag -> assertThat(h).as(app + " " + String.join(" ", words) + " " + flag).contains(flag));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "training"})
    void sparkImagesNameTheJarAndClassTheSparkApplicationRuns(String app) throws IOException {
        String df = dockerfile(app);
        assertThat(df).contains("ARG SPARK_IMAGE=apache/spark:3.5.7-scala2.12-java17-ubuntu")
                .contains("COPY apps/" + app + "/target/stophack-" + app + ".jar /opt/stophack/stophack-" + app + ".jar")
                .contains("COPY --from=select /tmp/add/ /opt/stophack/lib/").contains("USER 185");
        var spec = chart.get("SparkApplication", "stophack-" + app).as(SparkApplication.class).spec();
        assertThat(spec.mainApplicationFile()).isEqualTo("local:///opt/stophack/stophack-" + app + ".jar");
        assertThat(spec.mainClass()).isEqualTo(MAIN.get(app)).isEqualTo(launcherMainClass(app.equals("streaming") ? "stream" : "train"));
        assertThat(spec.sparkVersion()).isEqualTo(sparkVersion());
        assertThat(spec.sparkConf()).containsEntry("spark.driver.extraClassPath", "/opt/stophack/lib/*")
                .containsEntry("spark.executor.extraClassPath", "/opt/stophack/lib/*");
        assertThat(spec.driver().podSecurityContext().getRunAsUser()).isEqualTo(185L);
        if (app.equals("streaming")) {
            assertThat(spec.driver().ports()).singleElement().satisfies(p -> assertThat(p.containerPort()).isEqualTo(9465));
        }
    }

    /**
     * The Spark images' jars = the app's target/lib minus what the Spark 3.5.7 distribution holds
     * (apps/packaging/spark-distribution resolves it with Maven: see its pom), by Maven identity.
     */
    @ParameterizedTest
    @ValueSource(strings = {"streaming", "training"})
    void sparkImagesAddExactlyWhatTheDistributionLacks(String app) throws IOException {
        List<JarIdentity> lib = SparkImageJars.read(Repo.ROOT.resolve("apps/" + app + "/target/lib"));
        List<JarIdentity> dist = SparkDistribution.jars();
        assertThat(dist).hasSizeGreaterThan(150);
        Set<String> distKeys = dist.stream().map(j -> j.key() + ":" + j.classifier()).collect(Collectors.toSet());
        var choices = SparkImageJars.choose(lib, dist);
        Set<String> added = choices.stream().filter(SparkImageJars.Choice::added).map(c -> c.lib().file())
                .collect(Collectors.toCollection(TreeSet::new));
        // a jar without pom.properties is known by its artifact name (and classifier) alone
        Set<String> distArtifacts = dist.stream().map(j -> j.artifact() + ":" + j.classifier()).collect(Collectors.toSet());
        Set<String> expected = lib.stream().filter(j -> j.group() == null
                ? !distArtifacts.contains(j.artifact() + ":" + j.classifier())
                : !distKeys.contains(j.key() + ":" + j.classifier())).map(JarIdentity::file)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(added).isEqualTo(expected);
        assertThat(added).anyMatch(f -> f.startsWith("stophack-common-")).anyMatch(f -> f.startsWith("hadoop-aws-"))
                .anyMatch(f -> f.startsWith("aws-java-sdk-bundle-")).noneMatch(f -> f.startsWith("spark-core_"))
                .noneMatch(f -> f.startsWith("scala-library-")).noneMatch(f -> f.startsWith("slf4j-api-"));
        if (app.equals("streaming")) {
            assertThat(added).anyMatch(f -> f.startsWith("spark-sql-kafka-0-10_")).anyMatch(f -> f.startsWith("kafka-clients-"));
        }
        // the modules this machine's Maven mirror cannot resolve (kubernetes, yarn, mesos, thrift
        // server) bring none of these; the apps must not either, or the gap could hide a duplicate
        assertThat(lib).noneMatch(j -> j.group() != null && (j.group().startsWith("io.fabric8")
                || j.group().startsWith("com.squareup.okhttp") || j.group().startsWith("org.jetbrains.kotlin")
                || j.group().startsWith("org.apache.mesos") || j.artifact().startsWith("hadoop-yarn")
                || j.artifact().startsWith("hive-service")));
        choices.stream().filter(c -> !c.added() && !c.provided().get().file().equals(c.lib().file()))
                .forEach(c -> System.out.println(app + ": the distribution's " + c.provided().get().file()
                        + " stands in for " + c.lib().file()));
    }

    @Test
    void theGeneratorTheProducerImageCarriesNeedsNoLibraryBeyondTheProducers() throws IOException {
        Set<String> producer = names(Repo.ROOT.resolve("apps/producer/target/lib"));
        Set<String> cli = names(Repo.ROOT.resolve("apps/cli/target/lib"));
        assertThat(producer).containsAll(cli);
    }

    @Test
    void theDistributionPomResolvesTheParentsSparkVersion() throws IOException {
        String pom = Files.readString(Repo.ROOT.resolve("apps/packaging/spark-distribution/pom.xml"));
        assertThat(pom).contains("<spark.version>" + sparkVersion() + "</spark.version>");
    }

    static String sparkVersion() throws IOException {
        Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(Files.readString(Repo.ROOT.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Set<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    /** The main class of a ./stophack command (its COMMANDS table). */
    static String launcherMainClass(String command) throws IOException {
        String cmd = switch (command) {
            case "producer" -> "produce";
            case "consumer" -> "consume";
            default -> command;
        };
        Matcher m = Pattern.compile("(?m)^\\s*\"" + cmd + "\\|[^|]*\\|([^|]+)\\|").matcher(Files.readString(Repo.ROOT.resolve("stophack")));
        assertThat(m.find()).as("./stophack has a " + cmd + " command").isTrue();
        return m.group(1);
    }

    /** The app answers /healthz itself, or through common's HttpEndpoint (which does). */
    private static void assertServesHealthz(String app) throws IOException {
        String own = source(app);
        if (!own.contains("\"/healthz\"")) {
            assertThat(own).as(app + " serves /healthz").contains("HttpEndpoint.start(");
            assertThat(source("common")).contains("\"/healthz\"");
        }
    }

    private static String source(String app) throws IOException {
        try (var s = Files.walk(Repo.ROOT.resolve("apps/" + app + "/src/main"))) {
            StringBuilder b = new StringBuilder();
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                b.append(Files.readString(p));
            }
            return b.toString();
        }
    }

    private static final Map<String, String> HELP = new java.util.concurrent.ConcurrentHashMap<>();

    /** The app's real --help, run once on its packaged classpath (the image's classpath). */
    static String help(String app) throws Exception {
        return help(app, List.of());
    }

    /** {@code app}'s help for the command {@code words} name ({@code []}: the main command's). */
    static String help(String app, List<String> words) throws Exception {
        String key = String.join(" ", Stream.concat(Stream.of(app), words.stream()).toList());
        String cached = HELP.get(key);
        if (cached == null) {
            cached = runHelp(app, words);
            HELP.put(key, cached);
        }
        return cached;
    }

    private static String runHelp(String app, List<String> words) throws Exception {
        Path dir = Repo.ROOT.resolve("apps/" + app + "/target");
        String cp = dir.resolve("stophack-" + app + ".jar") + ":" + dir.resolve("lib") + "/*";
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", cp, MAIN.get(app)));
        command.addAll(words);
        command.add("--help");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
