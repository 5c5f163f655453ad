package io.lakeml.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the binary report in headless Chromium (Debian's package, no network) and checks that
 * every chart image decoded and rendered, as the page's own script counts them, and that a
 * screenshot of the page is not blank.
 */
class ReportChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 60;
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  @TempDir
  Path dir;

  @Test
  void everyChartLoadsInChromium() throws Exception {
    Path page = writeReport();
    Path dom = dir.resolve("dom.html");
    run(dom, "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString());
    String html = Files.readString(dom, StandardCharsets.UTF_8);
    Matcher body = BODY.matcher(html);
    assertTrue(body.find(), "no <body> in the dumped DOM: " + html);
    int loaded = attribute(body.group(1), "data-charts-loaded");
    int total = attribute(body.group(1), "data-charts-total");
    assertEquals(total, loaded, "charts decoded and rendered");
    assertTrue(total >= 4, "charts on the page: " + total);
  }

  @Test
  void screenshotIsNotBlank() throws Exception {
    Path page = writeReport();
    Path shot = dir.resolve("shot.png");
    run(dir.resolve("out.txt"), "--window-size=1280,2000", "--screenshot=" + shot,
        page.toUri().toString());
    assertTrue(Files.isRegularFile(shot), "no screenshot at " + shot);
    BufferedImage image = ImageIO.read(shot.toFile());
    assertNotNull(image, "screenshot is not a PNG");
    int nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) {
          nonWhite++;
        }
      }
    }
    assertTrue(nonWhite > 100, "screenshot is (nearly) blank: " + nonWhite + " sampled pixels");
  }

  private Path writeReport() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("reports/r-1"));
    return Files.writeString(folder.resolve("index.html"),
        HtmlReport.render(SampleReports.binary()), StandardCharsets.UTF_8);
  }

  /** Runs headless Chromium with the given arguments; stdout to the file. */
  private void run(Path stdout, String... args) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: the report test needs Debian's Chromium "
          + "(apt-get install chromium)");
    }
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
    command.addAll(List.of(args));
    Path stderr = dir.resolve("chromium-stderr.txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    assertEquals(0, process.exitValue(), () -> "Chromium failed: " + command + "\n"
        + readQuietly(stderr));
  }

  private static int attribute(String attributes, String name) {
    Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(attributes);
    assertTrue(m.find(), name + " not set on <body " + attributes + ">: the page script did not"
        + " run");
    return Integer.parseInt(m.group(1));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
