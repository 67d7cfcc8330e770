package io.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.doppel.server.DoppelServer;
import io.doppel.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's tour as a new user would: every {@code $ } line of its {@code console} block is executed with
 * bash (curl, and {@code ./doppel} as the built jar) against a real demo server, and its output must match the lines
 * printed under it, where {@code ...} stands for any text.
 */
class ReadmeTourIT {
  @TempDir Path data;

  record Step(String command, String expected) {}

  @Test
  void everyTourCommandPrintsWhatTheReadmeShows() throws Exception {
    List<Step> steps = tourSteps(Files.readString(projectRoot().resolve("README.md")));
    assertThat(steps).as("README tour commands").hasSizeGreaterThanOrEqualTo(5);

    try (DoppelServer server = DoppelServer.start(
        ServerConfig.ephemeral().withHost("127.0.0.1").withPort(0).withDataDir(data).withDemo(true))) {
      for (Step step : steps) {
        String output = run(step.command(), server.port());
        assertThat(output).as("output of: %s", step.command()).matches(glob(step.expected()));
      }
    }
  }

  static List<Step> tourSteps(String readme) {
    int start = readme.indexOf("```console");
    String block = readme.substring(start, readme.indexOf("```", start + 3));
    List<Step> steps = new ArrayList<>();
    String command = null;
    StringBuilder expected = new StringBuilder();
    for (String line : block.lines().skip(1).toList()) {
      if (line.startsWith("$ ")) {
        if (command != null) {
          steps.add(new Step(command, expected.toString().strip()));
        }
        command = line.substring(2);
        expected.setLength(0);
      } else {
        expected.append(line).append('\n');
      }
    }
    if (command != null) {
      steps.add(new Step(command, expected.toString().strip()));
    }
    return steps;
  }

  private static Pattern glob(String expected) {
    StringBuilder regex = new StringBuilder();
    String[] literal = expected.split("\\.\\.\\.", -1);
    for (int i = 0; i < literal.length; i++) {
      regex.append(Pattern.quote(literal[i]));
      if (i < literal.length - 1) {
        regex.append(".*");
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static String run(String command, int port) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String jar = System.getProperty("doppel.jar");
    String shell = command
        .replace("localhost:8080", "localhost:" + port)
        .replaceFirst("^\\./doppel ", "'" + java + "' --enable-native-access=ALL-UNNAMED -jar '" + jar + "' ");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", shell).redirectErrorStream(true);
    pb.environment().put("DOPPEL_URL", "http://localhost:" + port);
    Process process = pb.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: %s", command).isTrue();
    return new String(out, StandardCharsets.UTF_8).strip();
  }

  private static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
  }
}
