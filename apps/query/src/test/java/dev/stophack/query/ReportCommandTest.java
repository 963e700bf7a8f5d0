package dev.stophack.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.charts.ChartStyle;
import dev.stophack.query.report.ReportCharts;
import dev.stophack.testkit.LocalSpark;
import dev.stophack.testkit.TestServices;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code stophack report} over the fixture pipeline on the embedded S3, and over a fresh, empty one. */
class ReportCommandTest {
    static final List<String> CHARTS = List.of("potential-attacks.png", "detected-attacks.png", "events-per-machine.png",
            "dead-letters.png", "model-versions.png");

    @RegisterExtension
    static final TestServices SERVICES = TestServices.builder().s3().build();
    @TempDir
    static Path folder;
    static SparkSession spark;
    static Runs runs;

    @BeforeAll
    static void writeTheFixturePipeline() throws Exception {
        spark = LocalSpark.session(SERVICES.s3());
        Fixtures.write(spark, "s3a://" + SERVICES.bucket());
        runs = new Runs(spark, List.of("--s3-endpoint", SERVICES.s3Endpoint(), "--bucket", SERVICES.bucket(),
                "--access-key", SERVICES.accessKey(), "--secret-key", SERVICES.secretKey()));
    }

    @Test
    void writesEveryChartAndAPageThatShowsThem() throws IOException {
        Path out = folder.resolve("report");
        Runs.Result r = runs.report("--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        for (String chart : CHARTS) {
            BufferedImage image = png(out.resolve(chart));
            assertThat(image.getWidth()).as(chart).isEqualTo(ReportCharts.WIDTH);
            assertThat(image.getHeight()).as(chart).isEqualTo(ReportCharts.HEIGHT);
            assertThat(r.out()).as("listed at the end").contains(out.resolve(chart).toString());
        }
        assertThat(r.out()).contains(out.resolve("report.md").toString());
        String page = Files.readString(out.resolve("report.md"));
        for (String chart : CHARTS) {
            assertThat(page).containsPattern("!\\[[^\\]]+\\]\\(" + chart.replace(".", "\\.") + "\\)");
        }
        assertThat(page).contains("| events (process / memory) | 6 / 5 |")
                .contains("| machines | 3 |")
                .contains("| detected attacks | 2 (2 machines) |")
                .contains("| dead letters | 3 (most: not-json) |")
                .contains("| process model versions that scored | v1, unscored, v2 |")
                .contains("| rollout decisions | 4 |");
        assertThat(drawn(png(out.resolve("potential-attacks.png")), ChartStyle.series(0)))
                .as("machine 4's bars").isGreaterThan(100);
    }

    @Test
    void aFreshPipelineGivesChartsThatSayNoDataYet() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("fresh"));
        Path out = folder.resolve("empty-report");
        Runs.Result r = runs.report("--data", empty.toString(), "--out", out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        for (String chart : CHARTS) {
            BufferedImage image = png(out.resolve(chart));
            assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
            assertThat(drawn(image, ChartStyle.series(0))).as("no bars or lines in %s", chart).isZero();
            assertThat(messagePixels(image)).as("the no-data message in the middle of %s", chart).isGreaterThan(20);
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("| events (process / memory) | 0 / 0 |")
                .contains("| event time | - |");
    }

    @Test
    void anUnreadableRootIsOneLineAndExitCode2() {
        Runs.Result r = runs.report("--data", folder.resolve("missing").toString(), "--out", folder.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("stophack report: no folder ");
        assertThat(folder.resolve("x")).doesNotExist();
    }

    private static BufferedImage png(Path file) throws IOException {
        assertThat(file).isRegularFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("%s decodes as an image", file).isNotNull();
        return image;
    }

    /** Pixels of exactly {@code colour}: bars and lines are drawn in it, text and axes never. */
    private static int drawn(BufferedImage image, Color colour) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Dark text pixels in the middle of the plot, where the no-data message is written and nothing else. */
    private static int messagePixels(BufferedImage image) {
        int n = 0;
        for (int x = image.getWidth() / 3; x < 2 * image.getWidth() / 3; x++) {
            for (int y = 2 * image.getHeight() / 5; y < 3 * image.getHeight() / 5; y++) {
                Color c = new Color(image.getRGB(x, y));
                if (c.getRed() < 110 && c.getGreen() < 110 && c.getBlue() < 110) {
                    n++;
                }
            }
        }
        return n;
    }
}
