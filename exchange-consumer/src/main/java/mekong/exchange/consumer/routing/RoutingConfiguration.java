package mekong.exchange.consumer.routing;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.node.NodeDirectory;
import mekong.exchange.core.routing.RoutingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

	@Bean
	AgreementBook agreementBook(RoutingProperties routing, NodeProperties node) {
		AgreementBook book = new AgreementBook(
				routing.agreements().stream().map(RoutingConfiguration::agreement).toList());
		if (book.partnersOf(node.id()).isEmpty()) {
			log.warn("Node {} has no agreement (mekong.routing.agreements): it will deny every alert it sends",
					node.id());
		}
		book.all()
			.forEach((agreement) -> log.info("Agreement {}: {} <-> {} from {} to {} on {} up to TLP:{}", agreement.id(),
					agreement.firstParty(), agreement.secondParty(), agreement.validFrom(), agreement.validTo(),
					agreement.categories(), agreement.highestTlp()));
		return book;
	}

	private static Agreement agreement(RoutingProperties.AgreementSettings settings) {
		String where = "mekong.routing.agreements " + settings.id();
		return new Agreement(new AgreementId(settings.id()),
				NodeDirectory.requireKnown(settings.parties().get(0), where),
				NodeDirectory.requireKnown(settings.parties().get(1), where), settings.validFrom(), settings.validTo(),
				settings.categories(), settings.highestTlp());
	}

	@Bean
	RoutingRules routingRules(AgreementBook agreements, NodeProperties node) {
		return new RoutingRules(agreements, node.timeZone());
	}

}
