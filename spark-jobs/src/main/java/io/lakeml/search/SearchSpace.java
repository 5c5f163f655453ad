package io.lakeml.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A family's search space: parameter name -> domain, in sorted order (so draws with a seed
 * never depend on map iteration order). */
public record SearchSpace(Map<String, Domain> params) {

  public SearchSpace {
    params = Collections.unmodifiableMap(new TreeMap<>(params));
  }

  /** One configuration drawn uniformly from every domain. */
  public Map<String, Object> sample(Random rng) {
    Map<String, Object> out = new LinkedHashMap<>();
    params.forEach((name, domain) -> out.put(name, domain.sample(rng)));
    return out;
  }

  /** The number of distinct configurations, or Long.MAX_VALUE when a real range is present. */
  public long size() {
    long n = 1;
    for (Domain d : params.values()) {
      long k;
      if (d instanceof Domain.Choice c) {
        k = c.values().size();
      } else if (d instanceof Domain.Range r && r.integer()) {
        k = (long) (Math.floor(r.max()) - Math.ceil(r.min()) + 1);
      } else {
        k = ((Domain.Range) d).min() == ((Domain.Range) d).max() ? 1 : Long.MAX_VALUE;
      }
      if (k == Long.MAX_VALUE || n > Long.MAX_VALUE / Math.max(1, k)) {
        return Long.MAX_VALUE;
      }
      n *= k;
    }
    return n;
  }
}
