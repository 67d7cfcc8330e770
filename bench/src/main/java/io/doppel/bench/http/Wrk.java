package io.doppel.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs the {@code wrk} binary as a separate process with the harness's Lua script and parses what it measured. */
final class Wrk {
  private final Path script;
  private final int threads;
  private final int connections;

  private Wrk(Path script, int threads, int connections) {
    this.script = script;
    this.threads = threads;
    this.connections = connections;
  }

  /** Copies the bundled {@code patch.lua} next to the run's other files, where the wrk process can read it. */
  static Wrk withBundledScript(Path workDir, int threads, int connections) throws IOException {
    Path script = workDir.resolve("patch.lua");
    try (InputStream in = Wrk.class.getResourceAsStream("patch.lua")) {
      if (in == null) {
        throw new IllegalStateException("patch.lua is missing from the bench jar");
      }
      Files.write(script, in.readAllBytes());
    }
    return new Wrk(script, threads, connections);
  }

  /** Fails early, with the fix, when wrk is not installed. */
  static String version() throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("the load generator 'wrk' is not installed: apt-get install -y wrk", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    String first = out.lines().findFirst().orElse("wrk (unknown version)");
    int copyright = first.indexOf(" Copyright");
    return (copyright < 0 ? first : first.substring(0, copyright)).strip();
  }

  /**
   * Patches {@code twins} twins at {@code base + prefix + %05d + suffix} for {@code duration}.
   *
   * @return the measurement, or an exception carrying wrk's output when it printed no result
   */
  WrkResult run(URI base, PatchTarget target, int twins, Duration duration) throws IOException, InterruptedException {
    List<String> command = List.of(
        "wrk", "-t" + threads, "-c" + connections, "-d" + Math.max(1, duration.toSeconds()) + "s",
        "--timeout", "10s", "--latency", "-s", script.toString(), base.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("DOPPEL_TWINS", Integer.toString(twins));
    env.put("DOPPEL_PATH_PREFIX", target.pathPrefix());
    env.put("DOPPEL_PATH_SUFFIX", target.pathSuffix());
    env.put("DOPPEL_PROPERTY", target.property());
    Process process = builder.start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IOException("wrk exited with " + exit + ":\n" + output);
    }
    return WrkResult.parse(output);
  }

  /** Where the patches go: {@code <prefix><5-digit index><suffix>}, each setting {@code /<property>}. */
  record PatchTarget(String pathPrefix, String pathSuffix, String property) {}
}
