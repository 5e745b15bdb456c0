package mekong.exchange.core.dedup;

/**
 * What a receiver does with an incoming revision, given the newest revision it has
 * already taken.
 */
public sealed interface Receipt permits Receipt.Take, Receipt.Duplicate, Receipt.Stale {

	/** The revision is newer than anything taken: deliver it and acknowledge it. */
	record Take(int revision) implements Receipt {
	}

	/** This exact revision was taken before: a retry or a replay; skip it. */
	record Duplicate(int revision) implements Receipt {
	}

	/**
	 * An older revision than the one already taken: it must never overwrite the newer
	 * one.
	 */
	record Stale(int revision, int newest) implements Receipt {
	}

	/**
	 * @param newestTaken the newest revision of this alert already taken, or {@code null}
	 * if none
	 * @param incoming the revision just received
	 */
	static Receipt judge(Integer newestTaken, int incoming) {
		if (newestTaken == null || incoming > newestTaken) {
			return new Take(incoming);
		}
		if (incoming == newestTaken) {
			return new Duplicate(incoming);
		}
		return new Stale(incoming, newestTaken);
	}

}
