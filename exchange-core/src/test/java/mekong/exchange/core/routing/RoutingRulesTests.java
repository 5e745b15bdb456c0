package mekong.exchange.core.routing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingRulesTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	static final NodeId LUANG_PRABANG = NodeId.of("LA-LP");

	static final NodeId QUANG_NINH = NodeId.of("VN-13");

	static final ZoneId INDOCHINA = ZoneId.of("Asia/Ho_Chi_Minh");

	static final Agreement SON_LA_HOUAPHAN = new Agreement(new AgreementId("VN-05~LA-HO/2023"), SON_LA, HOUAPHAN,
			LocalDate.of(2023, 1, 1), LocalDate.of(2027, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING, CrimeCategory.WEAPONS, CrimeCategory.WANTED_FUGITIVE),
			TrafficLight.AMBER_STRICT, Agreement.DEFAULT_RETENTION);

	static final Agreement SON_LA_LUANG_PRABANG_2023 = new Agreement(new AgreementId("VN-05~LA-LP/2023"), SON_LA,
			LUANG_PRABANG, LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31),
			EnumSet.of(CrimeCategory.DRUG_TRAFFICKING), TrafficLight.RED, Agreement.DEFAULT_RETENTION);

	static final Duration SKEW = Duration.ofMinutes(10);

	final RoutingRules rules = new RoutingRules(new AgreementBook(List.of(SON_LA_HOUAPHAN, SON_LA_LUANG_PRABANG_2023)),
			INDOCHINA, SKEW);

	/**
	 * The decisions for an alert judged when it was sent, of which nothing went out
	 * before.
	 */
	static List<RoutingDecision> decide(RoutingRules rules, AlertFacts alert) {
		return rules.decide(alert, alert.sentAt(), Map.of());
	}

	static AlertFacts alert(CrimeCategory category, String sentAt, NodeId... addressees) {
		return labelled(TrafficLight.AMBER, category, sentAt, addressees);
	}

	static AlertFacts labelled(TrafficLight tlp, CrimeCategory category, String sentAt, NodeId... addressees) {
		return new AlertFacts(UUID.fromString("7d1f7a52-3c1e-4f7e-9a55-0b8f3f3c2a10"), 1, SON_LA, Set.of(addressees),
				category, tlp, Instant.parse(sentAt), false);
	}

	@Nested
	class AnAddresseeReceivesTheAlert {

		@Test
		void whenAnAgreementInForceOnTheDaySentCoversTheCategory() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()));
		}

		@Test
		void onTheFirstAndLastDayOfTheAgreementInTheBorderTimeZone() {
			// 2022-12-31T17:30Z is already 1 January 2023 in Son La and Houaphan (UTC+7).
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.WEAPONS, "2022-12-31T17:30:00Z", HOUAPHAN)))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()));
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.WEAPONS, "2027-12-31T16:59:59Z", HOUAPHAN)))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()));
		}

	}

	@Nested
	class AnAddresseeIsDenied {

		@Test
		void whenTheAgreementHasExpired() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.DRUG_TRAFFICKING, "2028-01-01T00:00:00Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.AGREEMENT_NOT_IN_FORCE));
		}

		@Test
		void whenTheAgreementHasNotStartedYet() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.DRUG_TRAFFICKING, "2022-12-31T16:59:59Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.AGREEMENT_NOT_IN_FORCE));
		}

		@Test
		void whenNoAgreementInForceCoversTheCategory() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.ONLINE_FRAUD, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class, (denied) -> {
					assertThat(denied.to()).isEqualTo(HOUAPHAN);
					assertThat(denied.reason()).isEqualTo(DenialReason.CATEGORY_NOT_COVERED);
					assertThat(denied.detail()).contains("ONLINE_FRAUD", "VN-05~LA-HO/2023");
				});
		}

		@Test
		void whenTheCategoryIsOneThisNodeDoesNotKnow() {
			assertThat(decide(RoutingRulesTests.this.rules, alert(null, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.CATEGORY_NOT_COVERED));
		}

		@Test
		void whenTheNodesHaveNoAgreement() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", QUANG_NINH)))
				.containsExactly(
						new Denied(QUANG_NINH, DenialReason.NO_AGREEMENT, "no agreement between VN-05 and VN-13"));
		}

		@Test
		void whenTheOriginAddressesItself() {
			assertThat(decide(RoutingRulesTests.this.rules,
					alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", SON_LA)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.ADDRESSED_TO_ORIGIN));
		}

	}

	@Nested
	class AnAlertWithoutAddressees {

		@Test
		void goesToEveryPartnerWhoseAgreementAllowsItAndTellsWhyOthersDidNotGetIt() {
			assertThat(
					decide(RoutingRulesTests.this.rules, alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z")))
				.satisfiesExactly((first) -> assertThat(first).isEqualTo(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id())),
						(second) -> assertThat(second).isInstanceOfSatisfying(Denied.class, (denied) -> {
							assertThat(denied.to()).isEqualTo(LUANG_PRABANG);
							assertThat(denied.reason()).isEqualTo(DenialReason.AGREEMENT_NOT_IN_FORCE);
						}));
		}

		@Test
		void isUnroutableWhenTheOriginHasNoPartnerAtAll() {
			RoutingRules lonely = new RoutingRules(new AgreementBook(List.of()), INDOCHINA, SKEW);
			assertThat(decide(lonely, alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z")))
				.containsExactly(new Unroutable("VN-05 has no agreement with any partner"));
		}

	}

	@Nested
	class HandlingCodes {

		@Test
		void letAnAlertGoUpToTheHighestLabelTheAgreementAllows() {
			assertThat(decide(RoutingRulesTests.this.rules, labelled(TrafficLight.AMBER_STRICT,
					CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()));
		}

		@Test
		void denyALabelAboveTheAgreement() {
			assertThat(decide(RoutingRulesTests.this.rules,
					labelled(TrafficLight.RED, CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class, (denied) -> {
					assertThat(denied.reason()).isEqualTo(DenialReason.TLP_NOT_ALLOWED);
					assertThat(denied.detail()).contains("TLP RED", "up to TLP:AMBER_STRICT");
				});
		}

		@Test
		void denyALabelThisNodeDoesNotKnow() {
			assertThat(decide(RoutingRulesTests.this.rules,
					labelled(null, CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", HOUAPHAN)))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.TLP_NOT_ALLOWED));
		}

		@Test
		void neverBroadcastRedOrAmberStrictToEveryPartner() {
			for (TrafficLight tlp : List.of(TrafficLight.RED, TrafficLight.AMBER_STRICT)) {
				assertThat(decide(RoutingRulesTests.this.rules,
						labelled(tlp, CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z")))
					.isNotEmpty()
					.allSatisfy((decision) -> assertThat(decision).isInstanceOfSatisfying(Denied.class,
							(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.TLP_NEEDS_NAMED_ADDRESSEE)));
			}
		}

		@Test
		void sendRedToANamedAddresseeWhoseAgreementAllowsIt() {
			assertThat(decide(RoutingRulesTests.this.rules,
					labelled(TrafficLight.RED, CrimeCategory.DRUG_TRAFFICKING, "2023-06-01T02:00:00Z", LUANG_PRABANG)))
				.containsExactly(new Routed(LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id()));
		}

	}

	@Test
	void decidesForEachAddresseeOnItsOwn() {
		assertThat(decide(this.rules,
				alert(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", HOUAPHAN, LUANG_PRABANG, QUANG_NINH)))
			.extracting((decision) -> decision.getClass().getSimpleName())
			.containsExactly("Routed", "Denied", "Denied");
	}

	@Nested
	class JudgedOnTheDecidingNodesClockToo {

		@Test
		void refusesAnAlertSentBeforeTheAgreementEndedButJudgedAfterIt() {
			AlertFacts backdated = alert(CrimeCategory.DRUG_TRAFFICKING, "2023-12-31T02:00:00Z", LUANG_PRABANG);

			assertThat(RoutingRulesTests.this.rules.decide(backdated, Instant.parse("2024-03-01T02:00:00Z"), Map.of()))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.AGREEMENT_ENDED));
		}

		@Test
		void letsAnAlertSentOnTheLastDayThroughWithinTheClockSkewAfterMidnight() {
			AlertFacts lastDay = alert(CrimeCategory.DRUG_TRAFFICKING, "2023-12-31T16:55:00Z", LUANG_PRABANG);

			// 17:05Z is 00:05 on 1 January 2024 at the border; five minutes are within
			// the skew.
			assertThat(RoutingRulesTests.this.rules.decide(lastDay, Instant.parse("2023-12-31T17:05:00Z"), Map.of()))
				.containsExactly(new Routed(LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id()));
		}

	}

	@Nested
	class AWithdrawal {

		AlertFacts cancel(CrimeCategory category, String sentAt, NodeId... addressees) {
			return new AlertFacts(UUID.fromString("7d1f7a52-3c1e-4f7e-9a55-0b8f3f3c2a10"), 3, SON_LA,
					Set.of(addressees), category, TrafficLight.AMBER, Instant.parse(sentAt), true);
		}

		@Test
		void followsAnEarlierRevisionUnderItsAgreementAfterTheAgreementEnded() {
			assertThat(RoutingRulesTests.this.rules.decide(
					cancel(CrimeCategory.DRUG_TRAFFICKING, "2025-02-01T02:00:00Z", LUANG_PRABANG),
					Instant.parse("2025-02-01T02:00:00Z"), Map.of(LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id())))
				.containsExactly(new Routed(LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id()));
		}

		@Test
		void followsAnEarlierRevisionEvenIfTheAgreementNoLongerCoversItsCategory() {
			assertThat(RoutingRulesTests.this.rules.decide(
					cancel(CrimeCategory.ONLINE_FRAUD, "2026-11-23T02:00:00Z", HOUAPHAN),
					Instant.parse("2026-11-23T02:00:00Z"), Map.of(HOUAPHAN, SON_LA_HOUAPHAN.id())))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()));
		}

		@Test
		void alsoGoesToAPartnerAnEarlierRevisionReachedThoughTheNewestNoLongerNamesIt() {
			assertThat(RoutingRulesTests.this.rules.decide(
					cancel(CrimeCategory.DRUG_TRAFFICKING, "2026-11-23T02:00:00Z", LUANG_PRABANG),
					Instant.parse("2026-11-23T02:00:00Z"),
					Map.of(HOUAPHAN, SON_LA_HOUAPHAN.id(), LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id())))
				.containsExactly(new Routed(HOUAPHAN, SON_LA_HOUAPHAN.id()),
						new Routed(LUANG_PRABANG, SON_LA_LUANG_PRABANG_2023.id()));
		}

		@Test
		void goesWhereNothingWentBeforeOnlyAsAnAlertWould() {
			assertThat(RoutingRulesTests.this.rules.decide(
					cancel(CrimeCategory.DRUG_TRAFFICKING, "2025-02-01T02:00:00Z", LUANG_PRABANG),
					Instant.parse("2025-02-01T02:00:00Z"), Map.of()))
				.singleElement()
				.isInstanceOfSatisfying(Denied.class,
						(denied) -> assertThat(denied.reason()).isEqualTo(DenialReason.AGREEMENT_NOT_IN_FORCE));
		}

	}

}
