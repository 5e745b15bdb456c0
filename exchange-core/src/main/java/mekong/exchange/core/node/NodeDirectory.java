package mekong.exchange.core.node;

import java.util.Set;
import java.util.TreeSet;

/**
 * The nodes the exchange knows: the provinces of Vietnam, Laos and Cambodia by their ISO
 * 3166-2 codes, and the three ministries by their ISO 3166-1 codes. A code outside it is
 * a typo or a node nobody has set up, and is refused where configuration names it.
 */
public final class NodeDirectory {

	private static final Set<String> VIETNAM = Set.of("VN-01", "VN-02", "VN-03", "VN-04", "VN-05", "VN-06", "VN-07",
			"VN-09", "VN-13", "VN-14", "VN-18", "VN-20", "VN-21", "VN-22", "VN-23", "VN-24", "VN-25", "VN-26", "VN-27",
			"VN-28", "VN-29", "VN-30", "VN-31", "VN-32", "VN-33", "VN-34", "VN-35", "VN-36", "VN-37", "VN-39", "VN-40",
			"VN-41", "VN-43", "VN-44", "VN-45", "VN-46", "VN-47", "VN-49", "VN-50", "VN-51", "VN-52", "VN-53", "VN-54",
			"VN-55", "VN-56", "VN-57", "VN-58", "VN-59", "VN-61", "VN-63", "VN-66", "VN-67", "VN-68", "VN-69", "VN-70",
			"VN-71", "VN-72", "VN-73", "VN-CT", "VN-DN", "VN-HN", "VN-HP", "VN-SG");

	private static final Set<String> LAOS = Set.of("LA-AT", "LA-BK", "LA-BL", "LA-CH", "LA-HO", "LA-KH", "LA-LM",
			"LA-LP", "LA-OU", "LA-PH", "LA-SL", "LA-SV", "LA-VI", "LA-VT", "LA-XA", "LA-XE", "LA-XI", "LA-XS");

	private static final Set<String> CAMBODIA = Set.of("KH-1", "KH-2", "KH-3", "KH-4", "KH-5", "KH-6", "KH-7", "KH-8",
			"KH-9", "KH-10", "KH-11", "KH-12", "KH-13", "KH-14", "KH-15", "KH-16", "KH-17", "KH-18", "KH-19", "KH-20",
			"KH-21", "KH-22", "KH-23", "KH-24", "KH-25");

	private static final Set<String> MINISTRIES = Set.of("VN", "LA", "KH");

	private NodeDirectory() {
	}

	public static boolean isKnown(NodeId node) {
		String code = node.code();
		return MINISTRIES.contains(code) || VIETNAM.contains(code) || LAOS.contains(code) || CAMBODIA.contains(code);
	}

	/**
	 * @param where what names the node, for the message
	 * @throws IllegalArgumentException if the node is not in the directory
	 */
	public static NodeId requireKnown(NodeId node, String where) {
		if (!isKnown(node)) {
			throw new IllegalArgumentException(where + " names " + node
					+ ", which is not a known node: an ISO 3166-2 code of a Vietnamese, Lao or Cambodian province (e.g. VN-05, LA-HO, KH-1) or VN, LA, KH");
		}
		return node;
	}

	/** Every known code, sorted. */
	public static Set<String> codes() {
		Set<String> codes = new TreeSet<>(MINISTRIES);
		codes.addAll(VIETNAM);
		codes.addAll(LAOS);
		codes.addAll(CAMBODIA);
		return codes;
	}

}
