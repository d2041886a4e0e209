package org.hotpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hotpath.testing.NoFlagsSmoke;
import org.junit.jupiter.api.Test;

/**
 * Hotpath runs with no JVM flags, on the class path and on the module path, and prints no
 * warning: no {@code --add-opens}, no {@code --add-exports}, no {@code sun.misc.Unsafe}. Each case
 * starts a fresh JVM (the one running the tests has flags for the allocation helper) on {@link
 * NoFlagsSmoke} and expects exactly {@code ok} on stdout and nothing on stderr.
 */
class NoJvmFlagsTest {

  private static final Path CLASSES = Path.of("target", "classes");
  private static final Path TEST_CLASSES = Path.of("target", "test-classes");

  /** Hotpath's one runtime dependency, wherever Maven put it. */
  private static final Path AGRONA = jarOf(org.agrona.concurrent.IdleStrategy.class);

  @Test
  void shouldRunOnTheClassPathWithoutFlags() throws Exception {
    assertRunsClean(List.of("-cp", String.join(File.pathSeparator, CLASSES.toString(), TEST_CLASSES.toString(), AGRONA.toString())));
  }

  @Test
  void shouldRunOnTheModulePathWithoutFlags() throws Exception {
    // --add-modules only resolves the module for a main class on the class path; it grants nothing.
    assertRunsClean(
        List.of(
            "-p",
            CLASSES + File.pathSeparator + AGRONA,
            "--add-modules",
            "org.hotpath",
            "-cp",
            TEST_CLASSES.toString()));
  }

  private static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRunsClean(List<String> pathArgs) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(pathArgs);
    command.add(NoFlagsSmoke.class.getName());
    Path out = Files.createTempFile("no-flags", ".out");
    Path err = Files.createTempFile("no-flags", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().remove("JAVA_TOOL_OPTIONS"); // would print "Picked up ..." to stderr
      builder.environment().remove("JDK_JAVA_OPTIONS");
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the smoke program did not finish: " + command);
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertEquals("", stderr, "stderr of " + command);
      assertEquals("ok", stdout.strip(), "stdout of " + command);
      assertEquals(0, process.exitValue(), "exit code of " + command);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
