package mekong.exchange.producer.desk;

import java.time.Instant;

import mekong.exchange.avro.AuditEvent;

/** One event of an alert's audit trail, as the desk API shows it. */
record AuditEntryView(Instant at, int revision, String action, String node, String actor, String addressee,
		String detail) {

	static AuditEntryView of(AuditEvent event) {
		return new AuditEntryView(event.getAt(), event.getRevision(), event.getAction().name(), event.getNode(),
				event.getActor(), event.getAddressee(), event.getDetail());
	}

}
