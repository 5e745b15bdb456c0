package mekong.exchange.stack;

/**
 * The ports the local stack adds when each country runs its own Kafka cluster
 * ({@code --border}): the Lao cluster's (the Vietnamese one keeps
 * {@link StackPorts#kafka()}), and each country's MirrorMaker: its metrics for Prometheus
 * and its internal REST API. {@link #demo()} are fixed, as ops/prometheus relies on them.
 */
public record BorderPorts(int laoKafka, int laoKafkaController, int vietnamLinkMetrics, int vietnamLinkRest,
		int laoLinkMetrics, int laoLinkRest) {

	public static BorderPorts demo() {
		return new BorderPorts(9094, 9095, 9404, 9406, 9405, 9407);
	}

	/** Where Prometheus scrapes the MirrorMaker {@code country} runs. */
	int linkMetricsOf(String country) {
		return LocalStack.VIETNAM.equals(country) ? this.vietnamLinkMetrics : this.laoLinkMetrics;
	}

	/** The internal REST port of the MirrorMaker {@code country} runs. */
	int linkRestOf(String country) {
		return LocalStack.VIETNAM.equals(country) ? this.vietnamLinkRest : this.laoLinkRest;
	}

}
