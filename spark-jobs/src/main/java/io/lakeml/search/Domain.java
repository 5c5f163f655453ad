package io.lakeml.search;

import java.util.List;
import java.util.Random;

/**
 * The values one hyperparameter may take: a list of choices, or a numeric range (linear or log
 * scale, real or integer). Ranges map to and from the unit interval, so that strategies can work
 * in one space whatever the scale.
 */
public sealed interface Domain {

  /** A value drawn uniformly (on the domain's own scale). */
  Object sample(Random rng);

  /** One of the listed values, e.g. {@code impurity = [gini, entropy]}. */
  record Choice(List<Object> values) implements Domain {
    public Choice {
      if (values.isEmpty()) {
        throw new IllegalArgumentException("a choice needs at least one value");
      }
      values = List.copyOf(values);
    }

    @Override
    public Object sample(Random rng) {
      return values.get(rng.nextInt(values.size()));
    }
  }

  /** A number in [min, max]; log: uniform in log(value); integer: rounded to a whole number. */
  record Range(double min, double max, boolean log, boolean integer) implements Domain {
    public Range {
      if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
        throw new IllegalArgumentException("min " + min + " must be <= max " + max);
      }
      if (log && min <= 0) {
        throw new IllegalArgumentException("a log scale needs min > 0, got " + min);
      }
      if (integer && Math.ceil(min) > Math.floor(max)) {
        throw new IllegalArgumentException("no whole number between " + min + " and " + max);
      }
    }

    @Override
    public Object sample(Random rng) {
      return fromUnit(rng.nextDouble());
    }

    /** The value at position u (0..1) of the range, on its scale; integers rounded, in range. */
    public Object fromUnit(double u) {
      double t = Math.min(1, Math.max(0, u));
      double v = log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min)))
          : min + t * (max - min);
      if (integer) {
        long r = Math.round(v);
        return (int) Math.max(Math.ceil(min), Math.min(Math.floor(max), r));
      }
      return Math.max(min, Math.min(max, v));
    }

    /** Where a value sits in the range, 0..1 (inverse of {@link #fromUnit}). */
    public double toUnit(Object value) {
      double v = ((Number) value).doubleValue();
      if (max == min) {
        return 0.5;
      }
      double t = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min))
          : (v - min) / (max - min);
      return Math.min(1, Math.max(0, t));
    }
  }
}
