package mekong.exchange.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end harness's report, in Markdown: one table per lane (each repetition and
 * the median), the ratios the issue asks for, the per-alert costs, the backlog and the
 * state.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	CharSequence text() {
		return this.text;
	}

	void line(String format, Object... arguments) {
		this.text.append((arguments.length == 0) ? format : String.format(format, arguments)).append('\n');
	}

	/** The table of one lane: each repetition, leg by leg, then the medians. */
	void lane(Lane lane, List<LaneResult> runs, BenchSettings settings) {
		line("");
		line("## %s: %s", lane, describe(lane, settings));
		line("");
		line("| run | sent | sent/s | delivered/s | leg | p50 ms | p99 ms | p99.9 ms | max ms | lost | twice "
				+ "| drained s | notes |");
		line("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
		for (LaneResult run : runs) {
			for (int leg = 0; leg < run.legs().size(); leg++) {
				LaneResult.Leg figures = run.legs().get(leg);
				String lost = (figures.unannounced() > 0)
						? figures.lost() + " (" + figures.unannounced() + " in the inbox, not announced)"
						: String.valueOf(figures.lost());
				if (leg == 0) {
					line("| #%d | %,d | %,.0f | %,.0f | %s | %.1f | %.1f | %.1f | %.1f | %s | %d | %.1f | %s%s |",
							run.repetition(), run.sent(), run.sentPerSecond(), run.deliveredPerSecond(), figures.name(),
							figures.percentileMillis(50), figures.percentileMillis(99), figures.percentileMillis(99.9),
							figures.maxMillis(), lost, figures.twice(), run.drainSeconds(),
							run.complete() ? "" : "INCOMPLETE ", run.notes());
				}
				else {
					line("| | | | | %s | %.1f | %.1f | %.1f | %.1f | %s | %d | | |", figures.name(),
							figures.percentileMillis(50), figures.percentileMillis(99), figures.percentileMillis(99.9),
							figures.maxMillis(), lost, figures.twice());
				}
			}
		}
		if (runs.size() > 1) {
			for (int leg = 0; leg < runs.get(0).legs().size(); leg++) {
				int at = leg;
				line("| **median** | | %s | %s | %s | %.1f | %.1f | %.1f | %.1f | | | | |",
						(leg == 0) ? String.format("%,.0f", median(runs, LaneResult::sentPerSecond)) : "",
						(leg == 0) ? String.format("**%,.0f**", median(runs, LaneResult::deliveredPerSecond)) : "",
						runs.get(0).legs().get(leg).name(),
						median(runs, (run) -> run.legs().get(at).percentileMillis(50)),
						median(runs, (run) -> run.legs().get(at).percentileMillis(99)),
						median(runs, (run) -> run.legs().get(at).percentileMillis(99.9)),
						median(runs, (run) -> run.legs().get(at).maxMillis()));
			}
		}
	}

	/**
	 * Throughput and p99 ratios, per repetition (lanes of one round) and their median.
	 */
	void ratios(Map<Lane, List<LaneResult>> results) {
		line("");
		line("## Ratios");
		line("");
		line("Each ratio is taken within a round of repetitions (the lanes of round n ran minutes apart), then the "
				+ "median of the rounds.");
		line("");
		line("| ratio | per round | median |");
		line("|---|---|---:|");
		ratio(results, "hub ÷ protocol floor, throughput at full speed", Lane.HUB_FULL, Lane.PROTOCOL_FLOOR,
				LaneResult::deliveredPerSecond);
		ratio(results, "hub ÷ Kafka floor, throughput at full speed", Lane.HUB_FULL, Lane.FLOOR,
				LaneResult::deliveredPerSecond);
		ratio(results, "protocol floor ÷ Kafka floor, throughput at full speed", Lane.PROTOCOL_FLOOR, Lane.FLOOR,
				LaneResult::deliveredPerSecond);
		ratio(results, "hub ÷ raw Kafka, throughput at full speed", Lane.HUB_FULL, Lane.RAW,
				LaneResult::deliveredPerSecond);
		ratio(results, "desk API ÷ hub, alerts delivered per second", Lane.DESK_API, Lane.HUB_FULL,
				LaneResult::deliveredPerSecond);
		ratio(results, "hub ÷ Kafka floor, p99 to the partner's inbox at the fixed rate", Lane.HUB_PACED,
				Lane.FLOOR_PACED, (run) -> run.delivery().percentileMillis(99));
		ratio(results, "hub ÷ protocol floor, p99 to the partner's inbox at the fixed rate", Lane.HUB_PACED,
				Lane.PROTOCOL_FLOOR_PACED, (run) -> run.delivery().percentileMillis(99));
		ratio(results, "hub ÷ Kafka floor, p99.9 at the fixed rate", Lane.HUB_PACED, Lane.FLOOR_PACED,
				(run) -> run.delivery().percentileMillis(99.9));
		ratio(results, "hub ÷ protocol floor, p99.9 at the fixed rate", Lane.HUB_PACED, Lane.PROTOCOL_FLOOR_PACED,
				(run) -> run.delivery().percentileMillis(99.9));
	}

	private void ratio(Map<Lane, List<LaneResult>> results, String name, Lane lane, Lane against,
			ToDoubleFunction<LaneResult> figure) {
		List<LaneResult> runs = results.getOrDefault(lane, List.of());
		List<LaneResult> others = results.getOrDefault(against, List.of());
		if (runs.isEmpty() || others.isEmpty()) {
			return;
		}
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(runs.size(), others.size()); i++) {
			ratios.add(figure.applyAsDouble(runs.get(i)) / figure.applyAsDouble(others.get(i)));
		}
		line("| %s | %s | **%.3f** |", name,
				String.join(", ", ratios.stream().map((ratio) -> String.format("%.3f", ratio)).toList()),
				median(ratios));
	}

	/** The per-alert costs of each run of the paced hub lane, by topic for the last. */
	void costs(List<LaneResult> runs) {
		List<PerAlertCosts.Sample> samples = runs.stream()
			.map(LaneResult::costs)
			.filter((sample) -> sample != null)
			.toList();
		if (samples.isEmpty()) {
			return;
		}
		line("");
		line("## Per-alert costs (HUB_PACED: from before its warm-up until its last alert arrived and 3 s more; "
				+ "divided by its alerts)");
		line("");
		line("| run | alerts | records written per alert (JMX MessagesInPerSec: records and transaction markers) "
				+ "| end offsets per alert (markers and aborted records included) | bytes appended per alert "
				+ "(JMX BytesInPerSec) | broker log segments on disk per alert | rest of the data folder "
				+ "(nodes' state) per alert |");
		line("|---|---:|---:|---:|---:|---:|---:|");
		for (int i = 0; i < samples.size(); i++) {
			PerAlertCosts.Sample sample = samples.get(i);
			line("| #%d | %,d | %.1f | %.1f | %,.0f | %,d | %,d |", i + 1, sample.alerts(), sample.recordsPerAlert(),
					sample.offsetsPerAlert(), sample.bytesInPerAlert(), sample.logBytes() / sample.alerts(),
					sample.otherBytes() / sample.alerts());
		}
		PerAlertCosts.Sample last = samples.get(samples.size() - 1);
		line("");
		line("By topic (run #%d):", samples.size());
		line("");
		line("| topic | records per alert | end offsets per alert | bytes appended per alert |");
		line("|---|---:|---:|---:|");
		Map<String, double[]> kinds = new LinkedHashMap<>();
		for (PerAlertCosts.TopicCost topic : last.topics()
			.stream()
			.sorted(Comparator.comparing(PerAlertCosts.TopicCost::kind).thenComparing(PerAlertCosts.TopicCost::topic))
			.toList()) {
			double alerts = last.alerts();
			line("| %s | %.2f | %.2f | %,.0f |", topic.topic(), topic.records() / alerts, topic.offsets() / alerts,
					topic.bytes() / alerts);
			double[] kind = kinds.computeIfAbsent(topic.kind(), (name) -> new double[3]);
			kind[0] += topic.records() / alerts;
			kind[1] += topic.offsets() / alerts;
			kind[2] += topic.bytes() / alerts;
		}
		kinds.forEach((kind, sums) -> line("| *%s* | *%.2f* | *%.2f* | *%,.0f* |", kind, sums[0], sums[1], sums[2]));
		if (!last.storeOpsPerAlert().isEmpty()) {
			line("");
			line("State-store operations per alert delivered (Kafka Streams' store metrics at DEBUG: their rates, "
					+ "averaged over Kafka's metric window of up to a minute, at the end of the measured window, over "
					+ "the alerts delivered per second in it; the changelog rows above count the writes to logged "
					+ "stores exactly):");
			line("");
			line("| run | node or application (source) | operations per alert | RocksDB bytes per alert |");
			line("|---|---|---|---|");
			for (int i = 0; i < samples.size(); i++) {
				for (Map.Entry<String, Map<String, Double>> source : samples.get(i).storeOpsPerAlert().entrySet()) {
					String operations = figures(source.getValue(), false);
					String bytes = figures(source.getValue(), true);
					if (!operations.isEmpty() || !bytes.isEmpty()) {
						line("| #%d | %s | %s | %s |", i + 1, source.getKey(), operations, bytes);
					}
				}
			}
		}
	}

	/** The store figures that are operations, or those that are RocksDB's bytes. */
	private static String figures(Map<String, Double> perAlert, boolean bytes) {
		return String.join(", ",
				perAlert.entrySet()
					.stream()
					.filter((figure) -> figure.getKey().contains("bytes") == bytes && figure.getValue() > 0.005)
					.map((figure) -> String.format(bytes ? "%s %,.0f" : "%s %.2f", figure.getKey(), figure.getValue()))
					.toList());
	}

	void backlog(BacklogLane.Result result, boolean border) {
		line("");
		line("## Backlog: %s while %,d alerts (one in %d with two updates: %,d revisions) are routed to LA-HO's inbox",
				border ? "the border link into Laos (MirrorMaker of LA) down" : "LA-HO's receiving side stopped",
				result.alerts(), BacklogLane.REVISED_EVERY, result.revisions());
		line("");
		line("| | |");
		line("|---|---|");
		line("| routed into LA-HO's inbox topic%s (read_committed) | %.1f s, %,.0f revisions/s |",
				border ? " on the Vietnamese cluster" : "", result.routingSeconds(),
				result.revisions() / result.routingSeconds());
		line("| drained after the restart%s (every revision's RECEIVED committed where LA-HO writes it, and every "
				+ "alert announced on the desk event stream) | %.1f s, **%,.0f revisions/s** |",
				border ? ", the MirrorMaker's start-up included" : "", result.drainingSeconds(),
				result.revisions() / result.drainingSeconds());
		line("| every revision RECEIVED / every alert announced, after the restart | %.1f s (%,d of %,d revisions) / "
				+ "%.1f s (%,d of %,d alerts, in %,d events: one per commit that changed an entry) |",
				result.receivingSeconds(), result.revisionsReceived(), result.revisions(), result.announcingSeconds(),
				result.alertsAnnounced(), result.alerts(), result.eventsAnnounced());
		BacklogLane.Check check = result.check();
		line("| checked through the desk API | %,d alerts (every one with updates, never announced or announced more "
				+ "often than revised, one in %d of the rest) |", check.checked(), BacklogLane.SAMPLED_EVERY);
		line("| lost / holding more revisions than sent / not holding 1..n in order | %d / %d / %d |", check.lost(),
				check.twice(), check.outOfOrder());
		line("| never announced / announced more often than revised (of all) / RECEIVED twice | %d / %d / %d |",
				check.notAnnounced(), check.announcedTwice(), result.receivedTwice());
	}

	static double median(List<LaneResult> runs, ToDoubleFunction<LaneResult> figure) {
		return median(runs.stream().map(figure::applyAsDouble).toList());
	}

	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String describe(Lane lane, BenchSettings settings) {
		String full = String.format("as fast as it goes, at most %,d alerts in flight", settings.inFlight());
		String paced = String.format("at %,d alerts/s, each timed from when it was due", settings.rate());
		return switch (lane) {
			case RAW -> "raw Kafka (one producer, one read_committed consumer, the hub's outbox bytes), " + full;
			case FLOOR ->
				"the Kafka floor (outbox -> inbox -> received, two transactional hops copying bytes), " + full;
			case PROTOCOL_FLOOR -> "the protocol floor (three transactional hops with bare clients: decode, sign, "
					+ "verify, acknowledge, audit), " + full;
			case HUB_FULL -> "the hub (Son La's outbox -> router -> Houaphan's receiver and inbox), " + full;
			case FLOOR_PACED -> "the Kafka floor, " + paced;
			case PROTOCOL_FLOOR_PACED -> "the protocol floor, " + paced;
			case HUB_PACED -> "the hub, " + paced;
			case DESK_API -> String.format("%d desk clients filing at Son La's desk API (POST /api/v1/alerts, "
					+ "bearer token), each its next once answered", settings.desks());
		};
	}

}
