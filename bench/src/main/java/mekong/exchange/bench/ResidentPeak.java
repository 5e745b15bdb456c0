package mekong.exchange.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** The highest resident memory of this JVM while it runs, sampled four times a second. */
final class ResidentPeak {

	private final AtomicLong peak = new AtomicLong();

	private final Thread sampler;

	private volatile boolean sampling = true;

	private ResidentPeak() {
		this.sampler = new Thread(() -> {
			while (this.sampling) {
				this.peak.accumulateAndGet(StackMachine.residentKilobytes(), Math::max);
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
			}
		}, "bench-rss");
		this.sampler.setDaemon(true);
	}

	static ResidentPeak start() {
		ResidentPeak peak = new ResidentPeak();
		peak.sampler.start();
		return peak;
	}

	/** Stops sampling; the peak in KB. */
	long stop() throws InterruptedException {
		this.sampling = false;
		this.sampler.join();
		return this.peak.get();
	}

}
