package mekong.exchange.core.node;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a node: a provincial or national police unit, by its ISO 3166-2 subdivision
 * code ({@code VN-05} Son La, {@code LA-HO} Houaphan) or ISO 3166-1 country code for a
 * ministry ({@code VN}).
 */
public record NodeId(String code) implements Comparable<NodeId> {

	private static final Pattern ISO_3166 = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

	public NodeId {
		Objects.requireNonNull(code, "node code");
		if (!ISO_3166.matcher(code).matches()) {
			throw new IllegalArgumentException(
					"'" + code + "' is not an ISO 3166-2 subdivision code (e.g. VN-05) or ISO 3166-1 country code");
		}
	}

	public static NodeId of(String code) {
		return new NodeId(code);
	}

	public static boolean isValid(String code) {
		return code != null && ISO_3166.matcher(code).matches();
	}

	/**
	 * The ISO 3166-1 code of the node's country ({@code VN} for {@code VN-05}): each
	 * country runs its own Kafka cluster.
	 */
	public String country() {
		return this.code.substring(0, 2);
	}

	@Override
	public int compareTo(NodeId other) {
		return this.code.compareTo(other.code);
	}

	@Override
	public String toString() {
		return this.code;
	}

}
