package mekong.exchange.core.dedup;

import java.util.Objects;

import mekong.exchange.core.node.NodeId;

/**
 * What a receiver does with an incoming revision, given what it has already taken of the
 * same alert.
 */
public sealed interface Receipt permits Receipt.Take, Receipt.Duplicate, Receipt.Stale, Receipt.NotFromOrigin {

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
	 * A revision claiming to come from another node than the one that opened the alert:
	 * only the origin revises.
	 */
	record NotFromOrigin(NodeId claimed, NodeId origin) implements Receipt {
	}

	/** The newest revision taken of an alert, and the node that opened the alert. */
	record Taken(NodeId origin, int revision) {

		public Taken {
			Objects.requireNonNull(origin, "origin");
		}

	}

	/**
	 * @param taken what was taken of this alert before, or {@code null} if nothing
	 * @param origin the node the incoming revision says it comes from
	 * @param revision the incoming revision
	 */
	static Receipt judge(Taken taken, NodeId origin, int revision) {
		if (taken == null) {
			return new Take(revision);
		}
		if (!taken.origin().equals(origin)) {
			return new NotFromOrigin(origin, taken.origin());
		}
		if (revision > taken.revision()) {
			return new Take(revision);
		}
		if (revision == taken.revision()) {
			return new Duplicate(revision);
		}
		return new Stale(revision, taken.revision());
	}

}
