package mekong.exchange.producer.desk;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import mekong.exchange.avro.Address;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Handling;
import mekong.exchange.avro.IdentityDocument;
import mekong.exchange.avro.Location;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Origin;
import mekong.exchange.avro.Person;
import mekong.exchange.avro.Relationship;
import mekong.exchange.avro.RouteAlert;
import mekong.exchange.avro.SeizedItem;
import mekong.exchange.avro.SeizureReport;
import mekong.exchange.avro.Sex;
import mekong.exchange.avro.SuspectAlert;
import mekong.exchange.avro.TravelMode;
import mekong.exchange.avro.Vehicle;
import mekong.exchange.avro.Waypoint;
import mekong.exchange.core.node.NodeId;

/** Turns a desk's {@link NewAlert} into a revision of the Avro contract. */
final class NewAlertMapper {

	/** Scale of the contract's decimal quantities. */
	private static final int QUANTITY_SCALE = 3;

	private NewAlertMapper() {
	}

	/** Who sends a revision and when. */
	record Sender(NodeId node, String desk, Instant sentAt) {
	}

	/**
	 * @param revisionNote why the revision was made; null for the first
	 */
	static Alert toAlert(NewAlert request, UUID alertId, int revision, MessageType type, String revisionNote,
			Sender sender) {
		return Alert.newBuilder()
			.setAlertId(alertId)
			.setRevision(revision)
			.setMessageType(type)
			.setOrigin(new Origin(sender.node().code(), sender.desk(), request.officer()))
			.setSentAt(sender.sentAt())
			.setExpiresAt(request.expiresAt())
			.setPriority(request.priority())
			.setCategory(request.category())
			.setHandling(new Handling(request.handling().tlp(), request.handling().sourceReliability(),
					request.handling().infoCredibility()))
			.setAddressees(List.copyOf(request.addressees()))
			.setLanguage(request.language())
			.setSummary(request.summary())
			.setRevisionNote(revisionNote)
			.setPayload(payload(request.payload()))
			.build();
	}

	/**
	 * A CANCEL revision: the content of the newest revision, so that partners know what
	 * is withdrawn.
	 */
	static Alert cancel(Alert latest, int revision, String officer, String revisionNote, Sender sender) {
		return Alert.newBuilder(latest)
			.setRevision(revision)
			.setMessageType(MessageType.CANCEL)
			.setOrigin(new Origin(sender.node().code(), sender.desk(), officer))
			.setSentAt(sender.sentAt())
			.setRevisionNote(revisionNote)
			.build();
	}

	private static Object payload(Payload payload) {
		if (payload instanceof Payload.Suspects suspects) {
			return SuspectAlert.newBuilder()
				.setPersons(all(suspects.persons(), NewAlertMapper::person))
				.setVehicles(all(suspects.vehicles(),
						(vehicle) -> new Vehicle(vehicle.kind(), vehicle.registration(), vehicle.description())))
				.setLastSeen(location(suspects.lastSeen()))
				.build();
		}
		if (payload instanceof Payload.Route route) {
			return RouteAlert.newBuilder()
				.setWaypoints(all(route.waypoints(),
						(point) -> new Waypoint(point.place(), point.adminArea(), point.latitude(), point.longitude(),
								point.borderCrossing())))
				.setRoad(route.road())
				.setMode((route.mode() != null) ? route.mode() : TravelMode.UNKNOWN)
				.setExpectedFrom(route.expectedFrom())
				.setExpectedTo(route.expectedTo())
				.setGoods(route.goods())
				.setLinkedPersons(all(route.linkedPersons(), Function.identity()))
				.build();
		}
		if (payload instanceof Payload.Seizure seizure) {
			return SeizureReport.newBuilder()
				.setLocation(location(seizure.location()))
				.setSeizedAt(seizure.seizedAt())
				.setItems(all(seizure.items(),
						(item) -> new SeizedItem(item.kind(),
								item.quantity().setScale(QUANTITY_SCALE, RoundingMode.UNNECESSARY), item.unit(),
								item.currency(), item.description())))
				.setPersonsArrested(all(seizure.personsArrested(), NewAlertMapper::person))
				.build();
		}
		throw new IllegalStateException("Unhandled payload " + payload.getClass());
	}

	private static Person person(Payload.Person person) {
		return Person.newBuilder()
			.setFullName(person.fullName())
			.setNativeName(person.nativeName())
			.setAliases(all(person.aliases(), Function.identity()))
			.setSex((person.sex() != null) ? person.sex() : Sex.UNKNOWN)
			.setBirthDate(person.birthDate())
			.setBirthYear(person.birthYear())
			.setAgeAtReport(person.ageAtReport())
			.setNationality(person.nationality())
			.setIdentityDocuments(all(person.identityDocuments(),
					(document) -> new IdentityDocument(document.kind(), document.number(), document.issuingCountry())))
			.setHome((person.home() != null) ? new Address(person.home().village(), person.home().district(),
					person.home().province(), person.home().adminArea()) : null)
			.setRelationships(all(person.relationships(),
					(relationship) -> new Relationship(relationship.kind(), relationship.otherPerson())))
			.setArmedAndDangerous(Boolean.TRUE.equals(person.armedAndDangerous()))
			.setDescription(person.description())
			.build();
	}

	private static Location location(Payload.Location location) {
		return (location != null) ? new Location(location.place(), location.adminArea(), location.latitude(),
				location.longitude(), location.at()) : null;
	}

	private static <T, R> List<R> all(List<T> items, Function<T, R> mapping) {
		return (items != null) ? items.stream().map(mapping).toList() : List.of();
	}

}
