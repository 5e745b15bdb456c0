package mekong.exchange.bench;

import java.time.Instant;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Priority;
import mekong.exchange.core.fixtures.Alerts;

/**
 * The alerts of the end-to-end runs: suspects, routes and seizures in turn, from Son La
 * to Houaphan, with summaries as long as the desks write (about 1.2 KB of Avro each).
 * None is FLASH: a run longer than the FLASH service level would otherwise add
 * escalations to what it measures.
 */
final class BenchAlerts {

	static final String CASE_NOTES = """
			 Informant reports, confirmed by two patrols of the provincial anti-drug police, place the couple at \
			their house in Huoi Nha village on the evening before; a relative with a pickup truck (plate not yet \
			known) is expected to carry the goods hidden under bags of rice and maize. Both suspects have crossed \
			at Nam Soi - Na Meo before and are known to the border guard post. The man has a prior conviction for \
			possession (2016, Sam Neua district court); the woman handled the money in an earlier case that did not \
			go to court. Checkpoints on National Highway 6A between Sam Neua and Vieng Xay are asked to stop and \
			search pickups with rice bags; do not approach the house. Contact the Son La hotline before any \
			arrest so that the partner in Moc Chau can be detained at the same time.""";

	private BenchAlerts() {
	}

	/** The {@code index}-th alert of a run: a new alert id, revision 1, sent now. */
	static Alert next(long index) {
		return next(index, UUID.randomUUID());
	}

	/** The {@code index}-th alert of a run, with the id {@code alertId}. */
	static Alert next(long index, UUID alertId) {
		Alert.Builder alert = switch ((int) (index % 3)) {
			case 0 -> Alerts.suspectsFromSonLa(alertId);
			case 1 -> Alerts.routeTowardsVietnam(alertId);
			default -> Alerts.seizureOnHighway6A(alertId);
		};
		return alert.setPriority((index % 4 == 0) ? Priority.IMMEDIATE : Priority.ROUTINE)
			.setSummary(alert.getSummary() + "." + CASE_NOTES)
			.setSentAt(Instant.now())
			.build();
	}

	/** Revision {@code revision} of {@code alert}: an update, sent now. */
	static Alert update(Alert alert, int revision) {
		return Alert.newBuilder(alert)
			.setRevision(revision)
			.setMessageType(MessageType.UPDATE)
			.setRevisionNote("Revision " + revision + ": the truck's plate is now known")
			.setSentAt(Instant.now())
			.build();
	}

}
