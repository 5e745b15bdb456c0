package mekong.exchange.boot.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of one name with the same tag keys, each made once per combination of tag
 * values and then only incremented: a stream thread counting every record must not build
 * and look up a meter each time. The combinations are few (nodes, categories, priorities,
 * reasons).
 */
public final class CounterFamily {

	private final MeterRegistry registry;

	private final String name;

	private final String description;

	private final List<String> tagKeys;

	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	public CounterFamily(MeterRegistry registry, String name, String description, String... tagKeys) {
		this.registry = registry;
		this.name = name;
		this.description = description;
		this.tagKeys = List.of(tagKeys);
	}

	/** Adds one to the counter of these tag values, in the order of the tag keys. */
	public void increment(String... tagValues) {
		if (tagValues.length != this.tagKeys.size()) {
			throw new IllegalArgumentException(
					this.name + " is tagged by " + this.tagKeys + ", not by " + Arrays.toString(tagValues));
		}
		this.counters.computeIfAbsent(List.of(tagValues), this::register).increment();
	}

	private Counter register(List<String> tagValues) {
		Counter.Builder counter = Counter.builder(this.name).description(this.description);
		for (int i = 0; i < tagValues.size(); i++) {
			counter.tag(this.tagKeys.get(i), tagValues.get(i));
		}
		return counter.register(this.registry);
	}

}
