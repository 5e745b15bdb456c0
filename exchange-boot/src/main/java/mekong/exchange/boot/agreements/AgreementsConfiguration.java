package mekong.exchange.boot.agreements;

import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.routing.RoutingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The agreements of the node and the rules read from them, for both sides: the router
 * decides by them, the receiver checks what partners send against them, and the receiving
 * side keeps what it receives for as long as they say.
 */
@AutoConfiguration
@EnableConfigurationProperties({ RoutingProperties.class, TopicProperties.class })
public class AgreementsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AgreementsConfiguration.class);

	@Bean
	AgreementBook agreementBook(RoutingProperties routing, NodeProperties node, TopicProperties topics) {
		AgreementBook book = new AgreementBook(
				routing.agreements().stream().map(AgreementsConfiguration::agreement).toList());
		for (Agreement agreement : book.all()) {
			if (agreement.binds(node.id()) && topics.retention().compareTo(agreement.retention()) > 0) {
				throw new IllegalStateException("mekong.topics.retention (" + topics.retention()
						+ ") is longer than the retention of agreement " + agreement.id() + " (" + agreement.retention()
						+ "): what " + agreement.partnerOf(node.id())
						+ " sends would stay in this node's topics longer than the agreement allows");
			}
		}
		if (book.partnersOf(node.id()).isEmpty()) {
			log.warn("Node {} has no agreement (mekong.routing.agreements): it will deny every alert it sends",
					node.id());
		}
		book.all()
			.forEach((agreement) -> log.info("Agreement {}: {} <-> {} from {} to {} on {} up to TLP:{}, kept {}",
					agreement.id(), agreement.firstParty(), agreement.secondParty(), agreement.validFrom(),
					agreement.validTo(), agreement.categories(), agreement.highestTlp(), agreement.retention()));
		return book;
	}

	private static Agreement agreement(RoutingProperties.AgreementSettings settings) {
		String where = "mekong.routing.agreements " + settings.id();
		return new Agreement(new AgreementId(settings.id()),
				NodeDirectory.requireKnown(settings.parties().get(0), where),
				NodeDirectory.requireKnown(settings.parties().get(1), where), settings.validFrom(), settings.validTo(),
				settings.categories(), settings.highestTlp(), settings.retention());
	}

	@Bean
	RoutingRules routingRules(AgreementBook agreements, NodeProperties node, RoutingProperties routing) {
		return new RoutingRules(agreements, node.timeZone(), routing.clockSkew());
	}

}
