package mekong.exchange.boot.streams;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.core.signing.Verification;

/**
 * Why a record went to the node's dead-letter topic: the value of the
 * {@value DeadLetters#REASON_HEADER} header and of the {@code reason} tag of
 * {@code exchange_alerts_dlq_total}, one vocabulary for both sides (the README's table
 * lists the same, {@code DeadLetterReasonTests}).
 */
public enum DeadLetterReason {

	/**
	 * Read from any topic: the bytes are not Avro in Confluent's wire format for the
	 * schema they name (wrong magic byte, truncated, garbage).
	 */
	UNDECODABLE,

	/**
	 * Read from any topic: the schema id is not in the registry (a partner's system using
	 * another registry).
	 */
	UNKNOWN_SCHEMA,

	/**
	 * Read from the inbox or the acks topic: the record carries no signature, or no key
	 * id.
	 */
	UNSIGNED,

	/**
	 * Read from the inbox or the acks topic: signed with a key not in
	 * {@code mekong.signing.directory}.
	 */
	UNKNOWN_KEY,

	/**
	 * Read from the inbox or the acks topic: signed with the key of another node than the
	 * one that must have written it.
	 */
	KEY_OF_ANOTHER_NODE,

	/**
	 * Read from the inbox or the acks topic: the signature does not match the bytes (a
	 * tampered value, a signature replayed from another record).
	 */
	BAD_SIGNATURE,

	/**
	 * Read from a topic of alerts: a valid record of another type.
	 */
	NOT_AN_ALERT,

	/**
	 * Read from a topic of acknowledgements: a valid record of another type.
	 */
	NOT_AN_ACKNOWLEDGEMENT,

	/**
	 * Read from any topic: the record's key is not the alert id of its value.
	 */
	KEY_NOT_ALERT_ID,

	/**
	 * Read from the outbox or the inbox: an alert record larger than
	 * {@code mekong.limits.alert-size}.
	 */
	ALERT_TOO_LARGE,

	/**
	 * Read from the outbox or the inbox: an addressee that is not a node code.
	 */
	MALFORMED_ADDRESSEE,

	/**
	 * Read from the outbox or the inbox: a revision number past
	 * {@code mekong.limits.revisions-per-alert}.
	 */
	REVISION_LIMIT,

	/**
	 * Read from the outbox: an alert in the node's outbox that claims another node as
	 * origin.
	 */
	FOREIGN_ORIGIN,

	/**
	 * Read from the outbox: a revision number the sender view holds already, but not the
	 * revision of that number the node routed (another {@code sentAt}); a replay of the
	 * same revision is skipped.
	 */
	REVISION_REUSED,

	/**
	 * Read from the outbox: a revision of an alert cancelled in an earlier revision.
	 */
	ALERT_CANCELLED,

	/**
	 * Read from the outbox: a revision of an alert the sender view erased.
	 */
	ALERT_ERASED,

	/**
	 * Read from the inbox: an alert from a node this node has no agreement with.
	 */
	UNKNOWN_ORIGIN,

	/**
	 * Read from the inbox: an alert that names addressees, not this node (a CANCEL of an
	 * alert the node holds is taken all the same).
	 */
	NOT_ADDRESSED_HERE,

	/**
	 * Read from the inbox: no agreement lets it come here, judged on this node's clock
	 * too; the message names the reason ({@code AGREEMENT_ENDED},
	 * {@code CATEGORY_NOT_COVERED}, …).
	 */
	NOT_PERMITTED_HERE,

	/**
	 * Read from the inbox: a revision claiming another origin than the node that opened
	 * the alert.
	 */
	REVISION_NOT_FROM_ORIGIN,

	/**
	 * Read from the inbox: an alert whose id is in another node's id space
	 * ({@code OriginIds}): a partner planting an id another origin will use.
	 */
	ALERT_ID_OF_ANOTHER_ORIGIN,

	/**
	 * Read from the acks topic: an acknowledgement of an alert this node never sent, or
	 * has forgotten (one of an alert it erased and still remembers is skipped and counted
	 * in {@code exchange_acks_late_total}).
	 */
	ACK_FOR_UNKNOWN_ALERT,

	/**
	 * Read from the acks topic: ROUTED or DENIED_BY_POLICY, which only this node's router
	 * decides, and records itself.
	 */
	NOT_AN_ADDRESSEE_STATUS,

	/**
	 * Read from the acks topic: an acknowledgement of a revision the router never
	 * delivered to the node that gives it.
	 */
	ACK_FROM_NON_ADDRESSEE,

	/**
	 * Read from the acks topic: the alert's history holds
	 * {@code mekong.limits.acknowledgements-per-alert} entries already.
	 */
	ACKNOWLEDGEMENT_LIMIT,

	/**
	 * Read from the acks topic: an acknowledgement whose note or officer is longer than
	 * 2,000 characters.
	 */
	NOTE_TOO_LONG,

	/**
	 * Read from the desk-acks topic: an answer without the {@code mekong-desk} header the
	 * desk API puts on it.
	 */
	ANSWER_WITHOUT_DESK,

	/**
	 * Read from the desk-acks topic: an answer to an alert the inbox does not keep (never
	 * taken, or erased).
	 */
	ANSWER_FOR_UNKNOWN_ALERT,

	/**
	 * Read from the desk-acks topic: an answer past
	 * {@code mekong.limits.answers-per-alert-and-desk} for its desk.
	 */
	ANSWER_LIMIT,

	/**
	 * Read from any topic: processing it would write a record (to a topic or a store)
	 * larger than 1,000,000 bytes; the node's serializer refused it before Kafka saw it.
	 */
	RECORD_TOO_LARGE,

	/**
	 * Read from any topic: any other failure of that record, such as a record without a
	 * value, which no topic of the exchange has (see {@code __streams.errors.message}).
	 */
	PROCESSING_FAILED;

	/** The reason for a record whose signature does not prove its writer. */
	static DeadLetterReason of(Verification verification) {
		return switch (verification) {
			case UNSIGNED -> UNSIGNED;
			case UNKNOWN_KEY -> UNKNOWN_KEY;
			case KEY_OF_ANOTHER_NODE -> KEY_OF_ANOTHER_NODE;
			case BAD_SIGNATURE -> BAD_SIGNATURE;
			case VALID -> throw new IllegalArgumentException("A valid signature is no reason to refuse a record");
		};
	}

	/**
	 * The reason for a valid record of another type than {@code type}, the topic's; a
	 * state record of the wrong type is a failure of the node's own.
	 */
	static DeadLetterReason notA(Class<?> type) {
		if (type == Alert.class) {
			return NOT_AN_ALERT;
		}
		if (type == Acknowledgement.class) {
			return NOT_AN_ACKNOWLEDGEMENT;
		}
		return PROCESSING_FAILED;
	}

}
