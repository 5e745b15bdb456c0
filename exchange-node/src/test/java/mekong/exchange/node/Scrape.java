package mekong.exchange.node;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** What a node's {@code /actuator/prometheus} says, in the Prometheus text format. */
record Scrape(String text) {

	/**
	 * The sum of every sample of {@code metric} whose labels include all of
	 * {@code labels} ({@code name="value"}).
	 */
	double sum(String metric, String... labels) {
		return Arrays.stream(this.text.split("\n"))
			.filter((line) -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
			.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/** The names of every metric with at least one sample. */
	Set<String> names() {
		Set<String> names = new TreeSet<>();
		for (String line : this.text.split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				int end = line.indexOf('{');
				names.add(line.substring(0, (end >= 0) ? end : line.indexOf(' ')));
			}
		}
		return names;
	}

}
