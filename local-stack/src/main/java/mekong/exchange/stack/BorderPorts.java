package mekong.exchange.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The ports the local stack adds when each country runs its own Kafka cluster
 * ({@code --border}): the Lao and Cambodian clusters' (the Vietnamese one keeps
 * {@link StackPorts#kafka()}), and each country's MirrorMaker: its metrics for Prometheus
 * and its internal REST API. {@link #demo()} are fixed, as ops/prometheus relies on them.
 *
 * @param clustersAbroad the ports of the clusters of the countries other than Vietnam
 * @param links the ports of the MirrorMaker each country runs
 */
public record BorderPorts(Map<String, ClusterPorts> clustersAbroad, Map<String, LinkPorts> links) {

	/** A Kafka cluster's client and controller ports. */
	public record ClusterPorts(int kafka, int controller) {
	}

	/** The metrics (Prometheus) and internal REST ports of a MirrorMaker. */
	public record LinkPorts(int metrics, int rest) {
	}

	public BorderPorts {
		clustersAbroad = Map.copyOf(clustersAbroad);
		links = Map.copyOf(links);
	}

	public static BorderPorts demo() {
		return new BorderPorts(Map.of("LA", new ClusterPorts(9094, 9095), "KH", new ClusterPorts(9096, 9097)), Map
			.of("VN", new LinkPorts(9404, 9406), "LA", new LinkPorts(9405, 9407), "KH", new LinkPorts(9408, 9409)));
	}

	/** Ports taken from {@code free}, e.g. ports nothing listens on. */
	public static BorderPorts from(IntSupplier free) {
		Map<String, ClusterPorts> clusters = new LinkedHashMap<>();
		Map<String, LinkPorts> links = new LinkedHashMap<>();
		for (String country : LocalStack.COUNTRIES) {
			if (!LocalStack.VIETNAM.equals(country)) {
				clusters.put(country, new ClusterPorts(free.getAsInt(), free.getAsInt()));
			}
			links.put(country, new LinkPorts(free.getAsInt(), free.getAsInt()));
		}
		return new BorderPorts(clusters, links);
	}

	/** The Kafka cluster of {@code country}, one abroad. */
	public ClusterPorts clusterOf(String country) {
		return get(this.clustersAbroad, country);
	}

	/** Where Prometheus scrapes the MirrorMaker {@code country} runs. */
	public int linkMetricsOf(String country) {
		return get(this.links, country).metrics();
	}

	/** The internal REST port of the MirrorMaker {@code country} runs. */
	int linkRestOf(String country) {
		return get(this.links, country).rest();
	}

	private static <T> T get(Map<String, T> ports, String country) {
		T found = ports.get(country);
		if (found == null) {
			throw new IllegalArgumentException("The local stack has no ports for " + country);
		}
		return found;
	}

}
