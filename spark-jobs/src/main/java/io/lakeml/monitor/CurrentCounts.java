package io.lakeml.monitor;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scoring run's bucket counts of every check at once: one Spark job, whatever the number of
 * features. Each row becomes one (check, bucket) pair per check (an exploded array of structs),
 * then a group-by counts them, so only (checks x buckets) rows come back to the driver.
 */
final class CurrentCounts {
  /** Per check (in the order given) its bucket counts, and the rows counted. */
  record Counts(List<Map<String, Long>> perCheck, long rows) {}

  private CurrentCounts() {}

  static Counts compute(Dataset<Row> rows, List<Buckets> checks) {
    if (checks.isEmpty()) {
      return new Counts(List.of(), rows.count());
    }
    Column[] pairs = new Column[checks.size()];
    for (int i = 0; i < checks.size(); i++) {
      pairs[i] = struct(lit(i).as("check"), checks.get(i).bucket().as("bucket"));
    }
    List<Row> counted = rows.select(explode(array(pairs)).as("p"))
        .groupBy(col("p.check").as("check"), col("p.bucket").as("bucket"))
        .agg(count(lit(1)).as("n"))
        .collectAsList();
    List<Map<String, Long>> perCheck = new ArrayList<>();
    checks.forEach(c -> perCheck.add(new LinkedHashMap<>()));
    for (Row r : counted) {
      perCheck.get(r.getInt(0)).put(r.getString(1), r.getLong(2));
    }
    // Every row falls in exactly one bucket of each check: any check's total is the row count.
    long total = perCheck.get(0).values().stream().mapToLong(Long::longValue).sum();
    return new Counts(perCheck, total);
  }
}
