package dev.stophack.charts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;

/** Charts and images as PNG bytes, drawn off-screen. */
public final class Png {
    private Png() {
    }

    /** {@code chart} drawn at {@code width} x {@code height} pixels. */
    public static byte[] of(JFreeChart chart, int width, int height) {
        return encode(chart.createBufferedImage(width, height));
    }

    public static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG in memory", e);
        }
    }
}
