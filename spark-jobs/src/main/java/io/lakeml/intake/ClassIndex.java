package io.lakeml.intake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.lakeml.config.LakemlException;
import io.lakeml.config.SplitSettings;
import io.lakeml.config.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The classes of a classification label in index order: sorted (numerically for numbers), with
 * the positive class of a binary task moved to index 1.
 */
final class ClassIndex {
  private final String label;
  private final List<Object> values;
  private final List<Long> counts;

  private ClassIndex(String label, List<Object> values, List<Long> counts) {
    this.label = label;
    this.values = values;
    this.counts = counts;
  }

  static ClassIndex collect(Dataset<Row> labelled, String label, String positiveClass, Task task,
      String desc) {
    List<Row> rows = new ArrayList<>(labelled.groupBy(col(label)).count().collectAsList());
    rows.sort(Comparator.comparing(r -> r.get(0), ClassIndex::compareValues));
    List<Object> values = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    rows.forEach(r -> {
      values.add(r.get(0));
      counts.add(r.getLong(1));
    });
    if (values.size() < 2) {
      throw new LakemlException("Label column " + label + " (lakeml.label.column) of the " + desc
          + " has a single class " + values + ": classification needs at least two");
    }
    if (task == Task.BINARY && values.size() != 2) {
      throw new LakemlException("lakeml.label.task is binary but label column " + label
          + " of the " + desc + " has " + values.size() + " classes " + values);
    }
    if (positiveClass != null) {
      if (task != Task.BINARY) {
        throw new LakemlException("lakeml.label.positive-class is set (" + positiveClass
            + ") but the task is " + task.id() + ", not binary");
      }
      int at = indexOf(values, positiveClass);
      if (at < 0) {
        throw LakemlException.invalid("lakeml.label.positive-class", positiveClass,
            "not a value of label column " + label + " of the " + desc + "; its values are "
                + values);
      }
      if (at == 0) {
        values.add(values.remove(0));
        counts.add(counts.remove(0));
      }
    }
    return new ClassIndex(label, values, counts);
  }

  void checkEnoughRows(SplitSettings split, String desc) {
    long needed = (long) Math.ceil(split.folds() / (1 - split.holdoutFraction())) + 1;
    for (int i = 0; i < values.size(); i++) {
      if (counts.get(i) < needed) {
        throw new LakemlException("Class " + values.get(i) + " of label column " + label
            + " of the " + desc + " has " + counts.get(i) + " rows; with lakeml.cv.folds = "
            + split.folds() + " and lakeml.split.holdout-fraction = " + split.holdoutFraction()
            + " each class needs at least " + needed);
      }
    }
  }

  List<String> names() {
    return values.stream().map(String::valueOf).toList();
  }

  Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      out.put(String.valueOf(values.get(i)), counts.get(i));
    }
    return out;
  }

  /** 0.0 .. k-1 by class, compared on the label's own type. */
  Column indexColumn() {
    Column indexed = null;
    for (int i = 0; i < values.size(); i++) {
      Column hit = col(label).equalTo(lit(values.get(i)));
      indexed = indexed == null ? when(hit, (double) i) : indexed.when(hit, (double) i);
    }
    return indexed;
  }

  private static int indexOf(List<Object> values, String wanted) {
    for (int i = 0; i < values.size(); i++) {
      if (String.valueOf(values.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}
