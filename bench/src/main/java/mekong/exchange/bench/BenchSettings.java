package mekong.exchange.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end harness's settings, from {@code --name=value} arguments.
 *
 * @param seconds the measured window of each lane, after its warm-up
 * @param warmUp the warm-up of each lane, the same load as its window, not measured
 * @param repeats how many times each lane runs; the lanes take turns, so a slow minute of
 * the machine does not fall on one lane only
 * @param rate alerts per second of the paced lanes
 * @param inFlight most alerts a full-speed lane keeps on their way (sent, not yet
 * delivered)
 * @param desks concurrent HTTP clients of the desk API lane
 * @param backlog alerts of the backlog lane, run once after the repetitions; 0 to skip it
 * @param patience how long a lane waits for its last alerts once its window is over
 * @param lanes the lanes to run
 * @param storeMetrics whether the nodes' Kafka Streams record their state-store metrics
 * (recording level DEBUG, which costs some CPU) so that the report can give store
 * operations per alert
 * @param border whether each country runs its own cluster, bridged by MirrorMaker
 */
record BenchSettings(int seconds, int warmUp, int repeats, int rate, int inFlight, int desks, int backlog,
		Duration patience, Set<Lane> lanes, boolean storeMetrics, boolean border) {

	private static final String ALL = "ALL";

	static BenchSettings of(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("seconds", "60");
		values.put("warmup", "15");
		values.put("repeats", "3");
		values.put("rate", "1000");
		values.put("in-flight", "10000");
		values.put("desks", "8");
		values.put("backlog", "100000");
		values.put("patience", "600");
		values.put("lanes", ALL);
		values.put("store-metrics", "false");
		boolean border = false;
		for (String arg : args) {
			if (arg.equals("--border")) {
				border = true;
				continue;
			}
			String[] nameAndValue = arg.replaceFirst("^--", "").split("=", 2);
			if (nameAndValue.length == 1 && values.get(nameAndValue[0]) != null
					&& values.get(nameAndValue[0]).equals("false")) {
				values.put(nameAndValue[0], "true");
				continue;
			}
			if (nameAndValue.length != 2 || !values.containsKey(nameAndValue[0])) {
				throw new IllegalArgumentException(
						"Unknown argument " + arg + "; known: --border and --" + String.join(", --", values.keySet()));
			}
			values.put(nameAndValue[0], nameAndValue[1]);
		}
		Set<Lane> lanes = lanes(values.get("lanes"));
		int backlog = number(values, "backlog");
		boolean backlogLane = values.get("lanes").equals(ALL)
				|| values.get("lanes").toUpperCase(Locale.ROOT).contains("BACKLOG");
		return new BenchSettings(number(values, "seconds"), number(values, "warmup"), number(values, "repeats"),
				number(values, "rate"), number(values, "in-flight"), number(values, "desks"), backlogLane ? backlog : 0,
				Duration.ofSeconds(number(values, "patience")), lanes,
				Boolean.parseBoolean(values.get("store-metrics")), border);
	}

	/**
	 * {@code ALL}, or lane names separated by commas; {@code BACKLOG} names the backlog
	 * lane.
	 */
	private static Set<Lane> lanes(String names) {
		if (names.equalsIgnoreCase(ALL)) {
			return EnumSet.allOf(Lane.class);
		}
		Set<Lane> lanes = EnumSet.noneOf(Lane.class);
		for (String name : names.split(",")) {
			String lane = name.trim().toUpperCase(Locale.ROOT);
			if (!lane.isEmpty() && !lane.equals("BACKLOG")) {
				lanes.add(Lane.valueOf(lane));
			}
		}
		return lanes;
	}

	private static int number(Map<String, String> values, String name) {
		return Integer.parseInt(values.get(name).replace("_", ""));
	}

	/** How the settings read in the report. */
	String describe() {
		return String.format(
				"warm-up %d s and measured window %d s per lane, %d repetitions (lanes take turns); paced rate %,d/s; "
						+ "at most %,d alerts in flight at full speed; %d desk clients; backlog %,d; lanes %s; "
						+ "state-store metrics %s",
				this.warmUp, this.seconds, this.repeats, this.rate, this.inFlight, this.desks, this.backlog, this.lanes,
				this.storeMetrics ? "recorded (DEBUG)" : "not recorded (INFO)");
	}

}
