package io.lakeml.intake;

import io.lakeml.config.IntakeSettings;
import io.lakeml.config.LakemlException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;

/**
 * Decides each feature candidate's semantic type from its statistics (or the override in
 * lakeml.intake.columns), and whether it is kept, with the reason in words.
 */
final class TypeInference {
  /** Column names that mark an integer column as an identifier when its values are unique. */
  private static final Pattern ID_NAME =
      Pattern.compile("(?i)(^|_)(id|key|uuid|guid|no|number|nr)$|^id_|Id$");

  record Decision(SemanticType type, boolean kept, String reason) {}

  private final IntakeSettings settings;

  TypeInference(IntakeSettings settings) {
    this.settings = settings;
  }

  Decision decide(ColumnStats s, DataType t, String tableDesc) {
    String override = settings.columns().get(s.column());
    if (override != null) {
      return overridden(s, t, override, tableDesc);
    }
    if (!ProfileStats.isProfiled(t)) {
      return new Decision(SemanticType.UNSUPPORTED, false, "type " + t.simpleString());
    }
    if (s.nonNull() == 0 || s.nullShare() >= settings.mostlyNullShare()) {
      return new Decision(SemanticType.MOSTLY_NULL, false, pct(s.nullShare()) + " null (at least "
          + pct(settings.mostlyNullShare()) + ": lakeml.intake.mostly-null-share)");
    }
    if (s.distinct() <= 1) {
      return new Decision(SemanticType.CONSTANT, false, "a single value");
    }
    if (t instanceof BooleanType) {
      return kept(SemanticType.BOOLEAN, "true/false");
    }
    if (ProfileStats.isDatetime(t)) {
      return kept(SemanticType.DATETIME, "expanded to year, month, day of week, hour, days");
    }
    boolean nearUnique = s.distinctShare() >= settings.identifierDistinctShare()
        && s.nonNull() >= 20;
    if (ProfileStats.isNumeric(t)) {
      boolean consecutive = s.min() != null && Boolean.TRUE.equals(s.integral())
          && (Double.parseDouble(s.max()) - Double.parseDouble(s.min()) + 1) <= 1.05 * s.nonNull();
      if (nearUnique && Boolean.TRUE.equals(s.integral())
          && (consecutive || ID_NAME.matcher(s.column()).find())) {
        return new Decision(SemanticType.IDENTIFIER, false, "unique integers ("
            + pct(s.distinctShare()) + " distinct) that look like an identifier");
      }
      return kept(SemanticType.NUMERIC, s.distinct() + " distinct values");
    }
    if (t instanceof StringType) {
      if (s.avgWords() != null && s.avgWords() >= settings.textMinWords()
          && s.distinct() > settings.maxCategories()) {
        return kept(SemanticType.TEXT, String.format(Locale.ROOT, "%.1f words per value",
            s.avgWords()));
      }
      if (nearUnique) {
        return new Decision(SemanticType.IDENTIFIER, false, pct(s.distinctShare())
            + " distinct values: an identifier");
      }
      if (s.distinct() <= settings.maxCategories()) {
        return kept(SemanticType.CATEGORICAL, s.distinct() + " values, one-hot");
      }
      return kept(SemanticType.HIGH_CARDINALITY, "about " + s.distinct() + " values (more than "
          + settings.maxCategories() + ": lakeml.intake.max-categories); top values kept, the rest"
          + " one bucket");
    }
    return new Decision(SemanticType.UNSUPPORTED, false, "type " + t.simpleString());
  }

  private Decision overridden(ColumnStats s, DataType t, String override, String tableDesc) {
    String key = "lakeml.intake.columns." + s.column();
    String why = "set in " + key;
    switch (override) {
      case "drop":
        return new Decision(typeOf(t), false, why);
      case "identifier":
        return new Decision(SemanticType.IDENTIFIER, false, why);
      case "numeric":
        require(ProfileStats.isNumeric(t), key, override, t, tableDesc, "a numeric column");
        return kept(SemanticType.NUMERIC, why);
      case "datetime":
        require(ProfileStats.isDatetime(t), key, override, t, tableDesc, "a date or timestamp");
        return kept(SemanticType.DATETIME, why);
      case "text":
        require(t instanceof StringType, key, override, t, tableDesc, "a string column");
        return kept(SemanticType.TEXT, why);
      case "categorical":
      case "high-cardinality":
        require(ProfileStats.isNumeric(t) || t instanceof StringType || t instanceof BooleanType,
            key, override, t, tableDesc, "a string, boolean or numeric column");
        return kept(override.equals("categorical") ? SemanticType.CATEGORICAL
            : SemanticType.HIGH_CARDINALITY, why);
      default:
        throw new IllegalStateException("unchecked override " + override);
    }
  }

  private static SemanticType typeOf(DataType t) {
    if (ProfileStats.isNumeric(t)) {
      return SemanticType.NUMERIC;
    }
    if (ProfileStats.isDatetime(t)) {
      return SemanticType.DATETIME;
    }
    return t instanceof BooleanType ? SemanticType.BOOLEAN
        : t instanceof StringType ? SemanticType.CATEGORICAL : SemanticType.UNSUPPORTED;
  }

  private static void require(boolean ok, String key, String value, DataType t, String tableDesc,
      String expected) {
    if (!ok) {
      throw LakemlException.invalid(key, value, "needs " + expected + "; the column has type "
          + t.simpleString() + " in the " + tableDesc);
    }
  }

  private static Decision kept(SemanticType type, String reason) {
    return new Decision(type, true, reason);
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
