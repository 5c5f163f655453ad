package io.lakeml.config;

/**
 * An error in what the user gave lakeml (config, input table, columns): the message says which
 * key, table or column, and what was expected. Jobs exit with {@link #EXIT_CODE} and write nothing.
 */
public class LakemlException extends RuntimeException {
  public static final int EXIT_CODE = 2;

  public LakemlException(String message) {
    super(message);
  }

  public LakemlException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "Invalid lakeml.cv.folds: 1 (must be >= 2)". */
  public static LakemlException invalid(String key, Object value, String expected) {
    return new LakemlException("Invalid " + key + ": " + render(value) + " (" + expected + ")");
  }

  /** Throws {@link #invalid} unless the condition holds. */
  public static void check(boolean ok, String key, Object value, String expected) {
    if (!ok) {
      throw invalid(key, value, expected);
    }
  }

  private static String render(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
