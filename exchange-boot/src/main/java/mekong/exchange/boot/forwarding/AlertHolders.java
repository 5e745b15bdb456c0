package mekong.exchange.boot.forwarding;

import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.streams.state.HostInfo;

/**
 * The store of a node's alerts that its instances share out by partition: which instance
 * holds an alert, for desk calls about it ({@link HeldBy}).
 */
public interface AlertHolders {

	/**
	 * The instance that holds {@code alertId}, if it is not this one.
	 * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while nobody
	 * holds it (a rebalance)
	 */
	Optional<HostInfo> holderElsewhere(UUID alertId);

}
