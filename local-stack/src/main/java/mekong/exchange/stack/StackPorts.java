package mekong.exchange.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The ports of the local stack: Kafka, the registry, the identity provider, and each
 * node's desk API and management port. {@link #demo()} are the fixed ports of DESIGN.md
 * section 7 (and those of the other nodes next to them), which scripts, dashboards and
 * partners rely on.
 */
public record StackPorts(int kafka, int kafkaController, int registry, int identity, Map<String, NodePorts> nodes) {

	/** The desk API's port of a node, and its management (actuator) port. */
	public record NodePorts(int desk, int management) {
	}

	public StackPorts {
		nodes = Map.copyOf(nodes);
	}

	public static StackPorts demo() {
		return new StackPorts(9092, 9093, 8081, 9000,
				Map.of("VN-05", new NodePorts(8080, 9080), "LA-HO", new NodePorts(8082, 9082), "VN-21",
						new NodePorts(8084, 9084), "VN-37", new NodePorts(8086, 9086), "KH-20",
						new NodePorts(8088, 9088)));
	}

	/**
	 * Ports taken from {@code free}, e.g. ports nothing listens on, so that the stack
	 * runs beside anything.
	 */
	public static StackPorts from(IntSupplier free) {
		Map<String, NodePorts> nodes = new LinkedHashMap<>();
		LocalStack.NODES.forEach((node) -> nodes.put(node, new NodePorts(free.getAsInt(), free.getAsInt())));
		return new StackPorts(free.getAsInt(), free.getAsInt(), free.getAsInt(), free.getAsInt(), nodes);
	}

	/** The desk API port of {@code node}, one of the stack's. */
	public int deskOf(String node) {
		return of(node).desk();
	}

	/** The management (actuator) port of {@code node}, one of the stack's. */
	public int managementOf(String node) {
		return of(node).management();
	}

	private NodePorts of(String node) {
		NodePorts ports = this.nodes.get(node);
		if (ports == null) {
			throw new IllegalArgumentException("The local stack runs no node " + node);
		}
		return ports;
	}

}
