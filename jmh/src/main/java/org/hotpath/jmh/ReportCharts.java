package org.hotpath.jmh;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The report's charts: grouped bar charts (XChart), one bar per implementation in each category,
 * written as PNG. Every implementation keeps its colour in every chart, Hotpath's the strongest.
 */
final class ReportCharts {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 340;
  /** Category labels longer than this in all are tilted so that they do not overlap. */
  private static final int LABEL_CHARS_FLAT = 50;
  private static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  /** Colours by implementation name; the rest take {@link #OTHER}. */
  /** Keyed by the printed name ({@link ImplNames}): the JDK's classes dark or grey, each library its hue. */
  private static final Map<String, Color> COLOURS = Map.ofEntries(
      Map.entry("hotpath", new Color(0xD9, 0x48, 0x01)),
      Map.entry("hotpath-defrag", new Color(0xFD, 0x8D, 0x3C)),
      Map.entry("HashMap", new Color(0x25, 0x25, 0x25)),
      Map.entry("TreeMap", new Color(0x25, 0x25, 0x25)),
      Map.entry("ConcurrentHashMap", new Color(0x25, 0x25, 0x25)),
      Map.entry("ArrayBlockingQueue", new Color(0x25, 0x25, 0x25)),
      Map.entry("new Payload()", new Color(0x25, 0x25, 0x25)),
      Map.entry("synchronizedMap(HashMap)", new Color(0x96, 0x96, 0x96)),
      Map.entry("LinkedBlockingQueue", new Color(0x63, 0x63, 0x63)),
      Map.entry("ConcurrentLinkedQueue", new Color(0x96, 0x96, 0x96)),
      Map.entry("ConcurrentSkipListMap", new Color(0x96, 0x96, 0x96)),
      Map.entry("fastutil", new Color(0x31, 0x82, 0xBD)),
      Map.entry("fastutil-rb", new Color(0x31, 0x82, 0xBD)),
      Map.entry("fastutil-avl", new Color(0x9E, 0xCA, 0xE1)),
      Map.entry("agrona", new Color(0x31, 0xA3, 0x54)),
      Map.entry("hppc", new Color(0x75, 0x6B, 0xB1)),
      Map.entry("eclipse", new Color(0xBC, 0xBD, 0xDC)),
      Map.entry("NonBlockingHashMapLong", new Color(0x8C, 0x6D, 0x31)),
      Map.entry("NonBlockingHashMap", new Color(0x8C, 0x6D, 0x31)),
      Map.entry("jctools", new Color(0x8C, 0x6D, 0x31)),
      Map.entry("disruptor", new Color(0x75, 0x6B, 0xB1)),
      Map.entry("pool", new Color(0xD9, 0x48, 0x01)),
      Map.entry("cpool", new Color(0xFD, 0x8D, 0x3C)));
  private static final Color OTHER = new Color(0xBD, 0xBD, 0xBD);

  /**
   * A chart's data: {@code values.get(s).get(c)} is series {@code s} in category {@code c}, null
   * where that series has no value (no bar is drawn).
   */
  record Bars(String title, String xTitle, String yTitle, boolean logarithmic, List<String> categories,
      List<String> series, List<List<Double>> values) {}

  private ReportCharts() {}

  /** The smallest value in {@code bars}, 1 if it has none. */
  private static double smallest(Bars bars) {
    double min = Double.POSITIVE_INFINITY;
    for (List<Double> series : bars.values()) {
      for (Double v : series) {
        if (v != null) {
          min = Math.min(min, v);
        }
      }
    }
    return min == Double.POSITIVE_INFINITY ? 1 : min;
  }

  /** Writes {@code bars} as a PNG to {@code file}. */
  static void write(Bars bars, Path file) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(bars.title())
        .xAxisTitle(bars.xTitle()).yAxisTitle(bars.yTitle()).build();
    CategoryStyler styler = chart.getStyler();
    styler.setBaseFont(BASE_FONT);
    styler.setChartTitleFont(BASE_FONT.deriveFont(Font.BOLD, 13f));
    styler.setLegendFont(BASE_FONT);
    styler.setAxisTickLabelsFont(BASE_FONT.deriveFont(11f));
    styler.setLegendPosition(LegendPosition.OutsideE);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setAvailableSpaceFill(0.8);
    styler.setYAxisLogarithmic(bars.logarithmic());
    styler.setYAxisDecimalPattern(bars.logarithmic() ? "#,##0.#" : "#,##0.##");
    // Bars grow from the axis minimum: zero on a linear axis, on a logarithmic one the power of ten
    // below the smallest value (XChart would otherwise start the bars at zero, which a log axis lacks).
    styler.setYAxisMin(bars.logarithmic() ? Math.pow(10, Math.floor(Math.log10(smallest(bars)))) : 0.0);
    int labelChars = 0;
    for (String c : bars.categories()) {
      labelChars += c.length();
    }
    if (labelChars > LABEL_CHARS_FLAT) {
      styler.setXAxisLabelRotation(20);
    }
    for (int s = 0; s < bars.series().size(); s++) {
      String name = bars.series().get(s);
      List<Double> y = new ArrayList<>(bars.values().get(s));
      CategorySeries series = chart.addSeries(name, bars.categories(), y);
      series.setFillColor(COLOURS.getOrDefault(name, OTHER));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
    }
  }
}
