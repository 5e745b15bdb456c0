package mekong.exchange.boot.names;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.RouteAlert;
import mekong.exchange.avro.SeizureReport;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.core.names.PersonName;

/**
 * The persons an alert names, as the rule of possibly the same person sees them and as
 * the name indexes of the inbox and of the sent alerts hold them.
 */
public final class AlertPersons {

	private AlertPersons() {
	}

	public static List<PersonName> of(Alert alert) {
		Object payload = alert.getPayload();
		if (payload instanceof SuspectAlert suspects) {
			Instant seen = (suspects.getLastSeen() != null && suspects.getLastSeen().getAt() != null)
					? suspects.getLastSeen().getAt() : alert.getSentAt();
			return suspects.getPersons().stream().map((person) -> name(person, seen)).toList();
		}
		if (payload instanceof SeizureReport seizure) {
			return seizure.getPersonsArrested().stream().map((person) -> name(person, seizure.getSeizedAt())).toList();
		}
		if (payload instanceof RouteAlert route) {
			return route.getLinkedPersons()
				.stream()
				.map((name) -> new PersonName(name, null, List.of(), null))
				.toList();
		}
		return List.of();
	}

	/**
	 * The year of birth as given, else derived from the age the report gives at the time
	 * of its events; the matcher allows a year's difference for that.
	 */
	private static PersonName name(Person person, Instant reportedAt) {
		Integer birthYear = Stream
			.of(person.getBirthYear(), (person.getBirthDate() != null) ? person.getBirthDate().getYear() : null,
					(person.getAgeAtReport() != null)
							? reportedAt.atZone(ZoneOffset.UTC).getYear() - person.getAgeAtReport() : null)
			.filter((year) -> year != null)
			.findFirst()
			.orElse(null);
		return new PersonName(person.getFullName(), person.getNativeName(), person.getAliases(), birthYear);
	}

}
