package mekong.exchange.stack;

/**
 * The ports of the local stack. {@link #demo()} are the fixed ports of DESIGN.md section
 * 7, which scripts, dashboards and partners rely on.
 */
public record StackPorts(int kafka, int kafkaController, int registry, int sonLaDesk, int sonLaManagement,
		int houaphanDesk, int houaphanManagement) {

	public static StackPorts demo() {
		return new StackPorts(9092, 9093, 8081, 8080, 9080, 8082, 9082);
	}

}
