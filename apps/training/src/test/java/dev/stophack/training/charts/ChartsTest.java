package dev.stophack.training.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stophack.training.data.Rebalancer.ClassCounts;
import dev.stophack.training.evaluate.RocCurve;
import dev.stophack.training.explore.Histogram;
import dev.stophack.training.features.FeatureRanking;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodes as an image").isNotNull();
        return image;
    }

    /** Not a blank canvas: a chart has many colours. */
    private static int colours(BufferedImage image) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void rocIsASquarePngOfTheExpectedSize() throws IOException {
        Map<String, RocCurve> curves = new LinkedHashMap<>();
        curves.put("dt", RocCurve.fromScores(new double[] {0.9, 0.6, 0.4, 0.1}, new int[] {1, 0, 1, 0}));
        curves.put("gbt", RocCurve.fromScores(new double[] {0.9, 0.3, 0.7, 0.1}, new int[] {1, 0, 1, 0}));
        BufferedImage image = decode(Charts.roc("process: ROC", curves));
        assertThat(image.getWidth()).isEqualTo(Charts.ROC_SIZE);
        assertThat(image.getHeight()).isEqualTo(Charts.ROC_SIZE);
        assertThat(colours(image)).isGreaterThan(5);
    }

    @Test
    void classBalanceAndImportancesAreWideCharts() throws IOException {
        Map<String, ClassCounts> steps = new LinkedHashMap<>();
        steps.put("labelled", new ClassCounts(113, 887));
        steps.put("train 1:2", new ClassCounts(90, 180));
        BufferedImage balance = decode(Charts.classBalance("rows per class", steps));
        assertThat(balance.getWidth()).isEqualTo(Charts.WIDE);
        assertThat(balance.getHeight()).isEqualTo(420);

        List<FeatureRanking> rankings = List.of(new FeatureRanking("CPU", 0.6, true, "above"),
                new FeatureRanking("CPUNR", 0.01, false, "noise"), new FeatureRanking("EXC", Double.NaN, false, "constant"));
        BufferedImage importances = decode(Charts.importances("importance", rankings, 0.02));
        assertThat(importances.getWidth()).isEqualTo(Charts.WIDE);
        assertThat(importances.getHeight()).isEqualTo(140 + 26 * 4);
    }

    @Test
    void distributionsAreAGridOfPanels() throws IOException {
        long[] a = new long[40];
        long[] n = new long[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i;
            n[i] = 40 - i;
        }
        List<Histogram> histograms = List.of(new Histogram("CPU", 0, 0.05, a, n), new Histogram("TRUN", 0, 0.05, n, a),
                new Histogram("PRI", 0, 0.05, a, a), new Histogram("MEM", -1, 0.05, n, n));
        BufferedImage image = decode(Charts.distributions("by class", histograms));
        assertThat(image.getWidth()).isEqualTo(Charts.PANEL_WIDTH * Charts.PANEL_COLUMNS);
        assertThat(image.getHeight()).as("four panels in rows of three, under a title").isEqualTo(36 + 2 * Charts.PANEL_HEIGHT);
        assertThat(colours(image)).isGreaterThan(5);
    }
}
