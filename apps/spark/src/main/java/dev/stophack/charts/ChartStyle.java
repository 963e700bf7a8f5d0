package dev.stophack.charts;

import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Plot;

/**
 * The look every stophack chart shares (the training report's and {@code stophack report}'s):
 * a white canvas, a light plot area, one colour per meaning, and a plain sentence instead of an
 * empty frame when there is nothing to draw.
 */
public final class ChartStyle {
    public static final Color ATTACK = new Color(0xC0392B);
    public static final Color NORMAL = new Color(0x2E86C1);
    public static final Color DROPPED = new Color(0xAAB7B8);
    public static final Color PLOT_BACKGROUND = new Color(0xF7F9F9);
    /** What an empty chart says. */
    public static final String NO_DATA = "no data yet";

    /** Series that are neither attack nor normal (machines, versions): distinct and readable on white. */
    private static final Color[] PALETTE = {
        new Color(0x2E86C1), new Color(0xC0392B), new Color(0x27AE60), new Color(0x8E44AD), new Color(0xD68910),
        new Color(0x17A589), new Color(0x34495E), new Color(0xCB4335), new Color(0x7D3C98), new Color(0x839192),
    };

    static {
        // charts are drawn on off-screen images: no display, whatever the JVM was started with
        System.setProperty("java.awt.headless", "true");
    }

    private ChartStyle() {
    }

    /** Applies the shared look to {@code chart}. */
    public static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(PLOT_BACKGROUND);
        plot.setNoDataMessage(NO_DATA);
        plot.setNoDataMessageFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        plot.setNoDataMessagePaint(Color.DARK_GRAY);
        return chart;
    }

    /** The colour of the {@code i}-th series when series stand for machines or versions. */
    public static Color series(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }
}
