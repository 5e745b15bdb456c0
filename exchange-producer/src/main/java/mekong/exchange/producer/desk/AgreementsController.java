package mekong.exchange.producer.desk;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.node.NodeId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agreements this node routes under, so that a desk knows before sending which
 * partner may receive which category, up to which TLP label, and how long the partner may
 * keep what it receives.
 */
@RestController
class AgreementsController {

	private final AgreementBook agreements;

	private final NodeId node;

	private final Clock clock;

	AgreementsController(AgreementBook agreements, NodeProperties node, Clock clock) {
		this.agreements = agreements;
		this.node = node.id();
		this.clock = clock.withZone(node.timeZone());
	}

	@GetMapping("/api/v1/agreements")
	List<AgreementView> agreements() {
		LocalDate today = LocalDate.now(this.clock);
		return this.agreements.all()
			.stream()
			.filter((agreement) -> agreement.binds(this.node))
			.sorted(Comparator.comparing((Agreement agreement) -> agreement.partnerOf(this.node))
				.thenComparing(Agreement::validFrom))
			.map((agreement) -> new AgreementView(agreement.id().value(), agreement.partnerOf(this.node).code(),
					agreement.validFrom(), agreement.validTo(), agreement.inForceOn(today),
					agreement.categories().stream().map(Enum::name).sorted().toList(), agreement.highestTlp().name(),
					agreement.retention().toString()))
			.toList();
	}

	/**
	 * @param inForceToday whether the agreement is in force today in the node's time zone
	 * @param retention how long the receiving side may keep an alert after taking its
	 * newest revision (ISO-8601, e.g. {@code PT8760H}); it erases it then
	 */
	record AgreementView(String id, String partner, LocalDate validFrom, LocalDate validTo, boolean inForceToday,
			List<String> categories, String highestTlp, String retention) {
	}

}
