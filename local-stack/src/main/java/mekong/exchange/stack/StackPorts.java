package mekong.exchange.stack;

/**
 * The ports of the local stack. {@link #demo()} are the fixed ports of DESIGN.md section
 * 7 (and Thanh Hoa's next to them), which scripts, dashboards and partners rely on.
 */
public record StackPorts(int kafka, int kafkaController, int registry, int identity, int sonLaDesk, int sonLaManagement,
		int houaphanDesk, int houaphanManagement, int thanhHoaDesk, int thanhHoaManagement) {

	public static StackPorts demo() {
		return new StackPorts(9092, 9093, 8081, 9000, 8080, 9080, 8082, 9082, 8084, 9084);
	}

	/** The desk API port of {@code node}, one of the stack's. */
	int deskOf(String node) {
		return switch (node) {
			case "VN-05" -> this.sonLaDesk;
			case "LA-HO" -> this.houaphanDesk;
			case "VN-21" -> this.thanhHoaDesk;
			default -> throw new IllegalArgumentException("The local stack runs no node " + node);
		};
	}

	/** The management (actuator) port of {@code node}, one of the stack's. */
	int managementOf(String node) {
		return switch (node) {
			case "VN-05" -> this.sonLaManagement;
			case "LA-HO" -> this.houaphanManagement;
			case "VN-21" -> this.thanhHoaManagement;
			default -> throw new IllegalArgumentException("The local stack runs no node " + node);
		};
	}

}
