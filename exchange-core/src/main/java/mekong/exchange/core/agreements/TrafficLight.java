package mekong.exchange.core.agreements;

/**
 * The Traffic Light Protocol 2.0 label of an alert, from the most to the least shareable.
 * An agreement names the highest label its two nodes exchange.
 */
public enum TrafficLight {

	CLEAR, GREEN, AMBER, AMBER_STRICT, RED;

	/**
	 * True if an alert with this label may travel under an agreement that allows up to
	 * {@code highest}.
	 */
	public boolean allowedUpTo(TrafficLight highest) {
		return compareTo(highest) <= 0;
	}

	/**
	 * RED and AMBER+STRICT go only to nodes the sender names itself, never to every
	 * partner.
	 */
	public boolean needsNamedAddressees() {
		return this == RED || this == AMBER_STRICT;
	}

	/** The label of this name, or null if this node does not know it. */
	public static TrafficLight named(String name) {
		for (TrafficLight label : values()) {
			if (label.name().equals(name)) {
				return label;
			}
		}
		return null;
	}

}
