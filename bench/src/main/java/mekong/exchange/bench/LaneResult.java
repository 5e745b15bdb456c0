package mekong.exchange.bench;

import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * One repetition of a lane.
 *
 * @param sent alerts sent (or filed), warm-up included
 * @param sentPerSecond alerts sent per second of the measured window
 * @param deliveredPerSecond alerts delivered (first arrivals at the lane's delivery leg)
 * per second of the measured window
 * @param complete whether every alert arrived at every leg within the patience
 * @param drainSeconds from the end of the window until the last alert arrived
 * @param notes what else the run saw (refused requests, signatures that did not verify,
 * event streams opened again)
 * @param costs the per-alert costs, measured in the paced hub lane only
 */
record LaneResult(Lane lane, int repetition, long sent, double sentPerSecond, double deliveredPerSecond, List<Leg> legs,
		boolean complete, double drainSeconds, String notes, PerAlertCosts.Sample costs) {

	/** The delivery leg's latencies. */
	Leg delivery() {
		return this.legs.get(this.lane.pipeline().deliveryLeg());
	}

	/**
	 * One leg: where the alerts of the run were seen to arrive, and how long after they
	 * were due.
	 *
	 * @param micros latencies of the alerts due within the measured window, µs
	 * @param arrived alerts that arrived at least once
	 * @param lost alerts that never arrived
	 * @param twice alerts that arrived more than once
	 * @param unannounced of the alerts lost to the event stream, those the desk API shows
	 * in the inbox all the same (-1 where not checked)
	 */
	record Leg(String name, Histogram micros, long arrived, long lost, long twice, long unannounced) {

		double percentileMillis(double percentile) {
			return (this.micros.getTotalCount() == 0) ? Double.NaN
					: this.micros.getValueAtPercentile(percentile) / 1000.0;
		}

		double maxMillis() {
			return (this.micros.getTotalCount() == 0) ? Double.NaN : this.micros.getMaxValue() / 1000.0;
		}

	}

}
