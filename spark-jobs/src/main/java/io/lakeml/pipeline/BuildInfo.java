package io.lakeml.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What built and runs this code: git commit of the build, lakeml, Spark, Delta, Scala, Java. */
public final class BuildInfo {
  private BuildInfo() {}

  public static String gitSha() {
    Properties git = load("/lakeml-git.properties");
    String sha = git.getProperty("git.commit.id", "unknown");
    return "true".equals(git.getProperty("git.dirty")) ? sha + "-dirty" : sha;
  }

  public static String lakemlVersion() {
    return load("/lakeml-build.properties").getProperty("version", "unknown");
  }

  public static Map<String, String> versions(String sparkVersion) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("lakeml", lakemlVersion());
    out.put("spark", sparkVersion);
    out.put("delta", io.delta.package$.MODULE$.VERSION());
    out.put("scala", scala.util.Properties.versionNumberString());
    out.put("java", System.getProperty("java.version"));
    return out;
  }

  private static Properties load(String resource) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unknown build: reported as "unknown"
    }
    return p;
  }
}
