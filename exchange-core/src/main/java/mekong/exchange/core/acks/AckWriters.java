package mekong.exchange.core.acks;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;

/**
 * Which node made an acknowledgement: the origin's router for what it decided (kept in
 * its sender view and audit, never written to a shared topic), the addressee for
 * everything else (written to the origin's acks topic and signed by the addressee).
 */
public final class AckWriters {

	private AckWriters() {
	}

	/** ROUTED and DENIED_BY_POLICY: the origin's router decided, at the origin. */
	public static boolean byOriginsRouter(AckStatus status) {
		return status == AckStatus.ROUTED || status == AckStatus.DENIED_BY_POLICY;
	}

	/**
	 * The node that wrote {@code ack}.
	 * @param origin the node that opened the alert acknowledged
	 */
	public static String writerOf(Acknowledgement ack, String origin) {
		return byOriginsRouter(ack.getStatus()) ? origin : ack.getRecipientNode();
	}

}
