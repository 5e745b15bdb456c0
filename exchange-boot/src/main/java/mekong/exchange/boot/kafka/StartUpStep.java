package mekong.exchange.boot.kafka;

import org.springframework.context.SmartLifecycle;

/**
 * A step the node takes once as it starts, in the order of its phase, before its Kafka
 * Streams applications start (their phase is later); nothing is undone when it stops. A
 * step that fails stops the start-up with its reason.
 */
abstract class StartUpStep implements SmartLifecycle {

	private final int phase;

	private volatile boolean running;

	StartUpStep(int phase) {
		this.phase = phase;
	}

	/** Takes the step, throwing if the node must not start. */
	abstract void take();

	@Override
	public final void start() {
		take();
		this.running = true;
	}

	@Override
	public final void stop() {
		this.running = false;
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return this.phase;
	}

}
