package mekong.exchange.producer.tracking;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.state.AddresseeState;
import mekong.exchange.avro.state.SentHead;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.node.NodeId;

/** What the head of a sent alert says about where it stands. */
public final class SentHeads {

	private SentHeads() {
	}

	public static boolean cancelled(SentHead head) {
		return head.getMessageType() == MessageType.CANCEL;
	}

	/** Whether the view erased the alert and remembers only that it existed. */
	public static boolean erased(SentHead head) {
		return head.getErasedAt() != null;
	}

	/** Accepted or actioned: the addressee took it on. */
	public static boolean accepted(AddresseeState state) {
		return state.getStatus() == AckStatus.ACCEPTED || state.getStatus() == AckStatus.ACTIONED;
	}

	/**
	 * Addressees of the newest revision still waiting for acceptance: not accepted, and
	 * not refused by the agreements; none once the alert is cancelled or erased.
	 */
	public static List<AddresseeState> awaitingAcceptance(SentHead head) {
		if (erased(head) || cancelled(head)) {
			return List.of();
		}
		return head.getAddressees()
			.stream()
			.filter((state) -> state.getRevision() == head.getRevision() && !accepted(state)
					&& state.getStatus() != AckStatus.DENIED_BY_POLICY)
			.toList();
	}

	/** Addressees awaiting acceptance of the newest revision and not escalated for it. */
	static List<AddresseeState> due(SentHead head) {
		return awaitingAcceptance(head).stream()
			.filter((state) -> state.getEscalatedRevision() < head.getRevision())
			.toList();
	}

	/** Where the alert stands at {@code node}, null if it never concerned it. */
	static AddresseeState stateAt(SentHead head, String node) {
		return head.getAddressees().stream().filter((state) -> state.getNode().equals(node)).findFirst().orElse(null);
	}

	/**
	 * The addressees earlier revisions were delivered to, each with the agreement it went
	 * under: a withdrawal follows them.
	 */
	public static Map<NodeId, AgreementId> deliveredUnder(SentHead head) {
		Map<NodeId, AgreementId> delivered = new LinkedHashMap<>();
		if (head != null) {
			head.getAddressees()
				.stream()
				.filter((state) -> !state.getRouted().isEmpty() && state.getAgreement() != null
						&& NodeId.isValid(state.getNode()))
				.forEach((state) -> delivered.put(NodeId.of(state.getNode()), new AgreementId(state.getAgreement())));
		}
		return delivered;
	}

}
