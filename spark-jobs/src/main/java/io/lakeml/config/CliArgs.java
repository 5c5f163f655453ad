package io.lakeml.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments every lakeml job takes: {@code --config FILE} (repeatable, later files win),
 * {@code --set key=value} (repeatable, wins over files) and {@code --run-id ID} (short for
 * {@code --set lakeml.run.id=ID}).
 */
public record CliArgs(List<String> configFiles, List<String> overrides, boolean help,
    boolean checkConfig) {

  public static final String USAGE = String.join("\n",
      "Options:",
      "  --config FILE      HOCON file layered over the defaults (repeatable; later files win)",
      "  --set KEY=VALUE    override one key, e.g. --set lakeml.cv.folds=5 (repeatable; wins)",
      "  --run-id ID        same as --set lakeml.run.id=ID",
      "  --check-config     load and validate the config, print the lake root, exit (0 valid,",
      "                     2 not); no Spark session, nothing read or written",
      "  --help             this text");

  public CliArgs {
    configFiles = List.copyOf(configFiles);
    overrides = List.copyOf(overrides);
  }

  public static CliArgs parse(String... args) {
    List<String> files = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    boolean help = false;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> help = true;
        case "--check-config" -> check = true;
        case "--config" -> files.add(valueOf(args, ++i, arg));
        case "--set" -> sets.add(valueOf(args, ++i, arg));
        case "--run-id" -> sets.add("lakeml.run.id=" + valueOf(args, ++i, arg));
        default -> {
          if (arg.startsWith("--config=")) {
            files.add(arg.substring("--config=".length()));
          } else if (arg.startsWith("--set=")) {
            sets.add(arg.substring("--set=".length()));
          } else {
            throw new LakemlException("Unknown argument " + arg + " (expected --config FILE, "
                + "--set KEY=VALUE, --run-id ID, --check-config or --help)");
          }
        }
      }
    }
    return new CliArgs(files, sets, help, check);
  }

  private static String valueOf(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new LakemlException("Missing value after " + flag);
    }
    return args[i];
  }
}
